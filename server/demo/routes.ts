/**
 * The dealer sandbox site (demo/) and the widget bundle (dist/widget/, built by
 * `npm run build:widget`), served from this process so `npm start` is all a
 * newcomer runs.
 */
import { existsSync } from 'node:fs';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import type { AppEnv } from '../http/env.ts';
import { errorResponse } from '../http/errors.ts';
import { pageHeaders, widgetAssetHeaders } from '../http/security.ts';

export function demoRoutes({ demoDir, widgetDir }: { demoDir: string; widgetDir: string }) {
  const app = new Hono<AppEnv>();
  app.use('/coverkit.js', widgetAssetHeaders(), async (c, next) => {
    if (!existsSync(`${widgetDir}/coverkit.js`)) {
      return errorResponse(c, 503, { code: 'unavailable', message: 'The widget is not built yet: run npm run build:widget' });
    }
    c.header('Cache-Control', 'public, max-age=300');
    await next();
  });
  app.get('/coverkit.js', serveStatic({ root: widgetDir, path: 'coverkit.js' }));
  app.get('/coverkit.js.map', widgetAssetHeaders(), serveStatic({ root: widgetDir, path: 'coverkit.js.map' }));
  app.use('/', pageHeaders());
  app.use('/demo/*', pageHeaders());
  app.get('/', serveStatic({ root: demoDir, path: 'index.html' }));
  app.get('/demo/*', serveStatic({ root: demoDir, rewriteRequestPath: (p) => p.replace(/^\/demo/, '') }));
  return app;
}
