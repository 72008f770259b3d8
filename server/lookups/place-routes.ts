/**
 * GET /v1/lookups/places/{postalCode}: the city and state of a ZIP code, so
 * the widget fills them in once the shopper has typed the ZIP. Session token;
 * the session must include the quote journey. Answered from data this server
 * holds (places.ts): no vendor is called.
 */
import { createRoute } from '@hono/zod-openapi';
import { Place, PlaceParams } from '../../contract/index.ts';
import { guards } from '../auth/guards.ts';
import type { AuthDeps } from '../auth/middleware.ts';
import { notFound } from '../http/errors.ts';
import { createRouter, errors, json } from '../http/openapi.ts';
import { placeOf } from './places.ts';

/** Mounted at /v1/lookups/places. */
export function placeRoutes(deps: AuthDeps) {
  const app = createRouter();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/{postalCode}',
      operationId: 'findPlace',
      tags: ['Lookups'],
      summary: 'The city and state of a ZIP code',
      description:
        'A 5-digit ZIP code (or ZIP+4) answers its city and state as the postal data names them; a ZIP code the data does not place in a US state or DC answers 404, and the shopper types them in.',
      ...guards(deps).session('quote'),
      request: { params: PlaceParams },
      responses: { 200: json(Place, 'Where the ZIP code is'), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const place = await placeOf(c.req.valid('param').postalCode);
      if (!place) throw notFound('No city and state are known for this ZIP code');
      // The postal data changes with a release of this server, not from one request to the next.
      c.header('Cache-Control', 'private, max-age=86400');
      return c.json(place, 200);
    },
  );
  return app;
}
