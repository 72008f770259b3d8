/**
 * The widget's pick-lists: years → makes → models → body styles → VIN
 * patterns, a VIN decode, and coverage options by state. Session token; the
 * session must include the quote journey. Answers come from PACE through the
 * Catalogue's caches.
 */
import { createRoute } from '@hono/zod-openapi';
import {
  CoverageOptions,
  CoverageOptionsQuery,
  DecodedVehicle,
  LookupList,
  usState,
  VehicleBodyStylesQuery,
  VehicleMakesQuery,
  VehicleModelsQuery,
  VehicleVinsQuery,
  VehicleYears,
  VehicleYearsQuery,
  VinDecodeParams,
  VinDecodeQuery,
} from '../../contract/index.ts';
import { guards } from '../auth/guards.ts';
import type { AuthDeps } from '../auth/middleware.ts';
import { createRouter, errors, json } from '../http/openapi.ts';
import type { Catalogue } from './catalogue.ts';

const TAGS = ['Lookups'];

const STATES_NOTE =
  'Lookups exist only in the states the insurer writes; any other state answers 400 with `error.fields.state` saying so (the widget then lets the shopper type the vehicle in).';
const CACHE_NOTE = 'Answers are cached for hours, so repeated questions are fast and survive a short insurer outage.';
const FAILURES_NOTE = 'When the insurer fails: 504 `vendor_timeout` if it did not answer in time, 502 `vendor_failed` otherwise.';
const describe = (what: string) => [what, STATES_NOTE, CACHE_NOTE, FAILURES_NOTE].join('\n\n');

/** Mounted at /v1/lookups. */
export function catalogueRoutes(deps: AuthDeps & { catalogue: Catalogue }) {
  const { catalogue } = deps;
  const app = createRouter();
  const common = { tags: TAGS, ...guards(deps).session('quote') };
  const listErrors = errors(400, 401, 403, 502, 504);
  // Validated as any US state, then held to the written ones (a 400 naming them); the document lists only those.
  const written = catalogue.writtenStates;
  const state = usState().meta({
    enum: [...written],
    description: `A state the insurer writes: ${written.join(', ')}. Any other answers 400 on \`state\`.`,
    example: written.includes('CA') ? 'CA' : written[0],
  });

  app.openapi(
    createRoute({
      ...common,
      method: 'get',
      path: '/vehicles/years',
      operationId: 'listVehicleYears',
      summary: 'Vehicle model years',
      description: describe('The model years the insurer rates in the state, as numbers, in the insurer’s order.'),
      request: { query: VehicleYearsQuery.extend({ state }) },
      responses: { 200: json(VehicleYears, 'Model years'), ...listErrors },
    }),
    async (c) => {
      const { state } = c.req.valid('query');
      return c.json({ items: await catalogue.years(state) }, 200);
    },
  );

  app.openapi(
    createRoute({
      ...common,
      method: 'get',
      path: '/vehicles/makes',
      operationId: 'listVehicleMakes',
      summary: 'Vehicle makes of a year',
      description: describe('Makes the insurer rates for the model year.'),
      request: { query: VehicleMakesQuery.extend({ state }) },
      responses: { 200: json(LookupList, 'Makes'), ...listErrors },
    }),
    async (c) => {
      const query = c.req.valid('query');
      return c.json({ items: await catalogue.makes(query) }, 200);
    },
  );

  app.openapi(
    createRoute({
      ...common,
      method: 'get',
      path: '/vehicles/models',
      operationId: 'listVehicleModels',
      summary: 'Models of a make',
      description: describe('Models of the make in the model year; an unknown make has none.'),
      request: { query: VehicleModelsQuery.extend({ state }) },
      responses: { 200: json(LookupList, 'Models'), ...listErrors },
    }),
    async (c) => {
      const query = c.req.valid('query');
      return c.json({ items: await catalogue.models(query) }, 200);
    },
  );

  app.openapi(
    createRoute({
      ...common,
      method: 'get',
      path: '/vehicles/bodystyles',
      operationId: 'listVehicleBodyStyles',
      summary: 'Body styles of a model',
      description: describe('Body styles of the model in the model year, spelled as the insurer does (e.g. "4-cylinder | AWD").'),
      request: { query: VehicleBodyStylesQuery.extend({ state }) },
      responses: { 200: json(LookupList, 'Body styles'), ...listErrors },
    }),
    async (c) => {
      const query = c.req.valid('query');
      return c.json({ items: await catalogue.bodyStyles(query) }, 200);
    },
  );

  app.openapi(
    createRoute({
      ...common,
      method: 'get',
      path: '/vehicles/vins',
      operationId: 'listVehicleVinPatterns',
      summary: 'VIN patterns of a body style',
      description: describe(
        'The VIN patterns of the body style, as 10-character "squish VINs": the first 8 characters of the VIN, `&` in place of the check digit, then the model-year code.',
      ),
      request: { query: VehicleVinsQuery.extend({ state }) },
      responses: { 200: json(LookupList, 'VIN patterns'), ...listErrors },
    }),
    async (c) => {
      const query = c.req.valid('query');
      return c.json({ items: await catalogue.vins(query) }, 200);
    },
  );

  app.openapi(
    createRoute({
      ...common,
      method: 'get',
      path: '/vin/{vin}',
      operationId: 'decodeVin',
      summary: 'Decode a VIN',
      description: describe(
        'The vehicle of a 17-character VIN. A VIN of the wrong shape answers 400 with `error.fields.vin`; a VIN whose check digit does not match still decodes, with a `warning` that it may be mistyped; a VIN the insurer does not know answers 404.',
      ),
      request: { params: VinDecodeParams, query: VinDecodeQuery.extend({ state }) },
      responses: { 200: json(DecodedVehicle, 'The vehicle'), ...errors(400, 401, 403, 404, 502, 504) },
    }),
    async (c) => {
      const { vin } = c.req.valid('param');
      const { state } = c.req.valid('query');
      return c.json(await catalogue.decodeVin(state, vin), 200);
    },
  );

  app.openapi(
    createRoute({
      ...common,
      method: 'get',
      path: '/coverages',
      operationId: 'listCoverageOptions',
      summary: 'Coverage options in a state',
      description: describe(
        'Each coverage the insurer offers in the state, with its limits or deductibles (amounts in cents), for the effective date (today when absent). A date before any of the state’s rate cycles answers 400 with `error.fields.effectiveDate`. Cached for an hour.',
      ),
      request: { query: CoverageOptionsQuery.extend({ state }) },
      responses: { 200: json(CoverageOptions, 'Coverage options'), ...listErrors },
    }),
    async (c) => {
      const query = c.req.valid('query');
      return c.json(await catalogue.coverages(query), 200);
    },
  );

  return app;
}
