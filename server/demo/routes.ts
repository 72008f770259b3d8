/**
 * The dealer sandbox site (demo/) and the widget's files (dist/widget/, built
 * by `npm run build:widget`, see widget-files.ts), served from this process so
 * `npm start` is all a newcomer runs. In sandbox mode the site's dealer also
 * receives its webhooks here (webhook-log.ts), for the page's event log.
 */
import { existsSync } from 'node:fs';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import type { AppEnv } from '../http/env.ts';
import { errorResponse } from '../http/errors.ts';
import { apiHeaders, limitBody, pageHeaders, widgetAssetHeaders } from '../http/security.ts';
import { DEMO_WEBHOOK_PATH, type DemoWebhookLog } from './webhook-log.ts';
import { IMMUTABLE, REVALIDATE, widgetFiles } from './widget-files.ts';

/** What the build names by content hash: the module, its chunks and source maps, the pinnable loader. */
const HASHED_NAME = /^[\w-]+-[\w-]{8,}\.js(\.map)?$/;

export function demoRoutes({ demoDir, widgetDir, webhookLog }: { demoDir: string; widgetDir: string; webhookLog?: DemoWebhookLog }) {
  const app = new Hono<AppEnv>();
  // Only a server with a demo receiver (sandbox mode) has these: anywhere else they are not found.
  if (webhookLog) {
    app.use(DEMO_WEBHOOK_PATH, apiHeaders(), limitBody());
    app.post(DEMO_WEBHOOK_PATH, async (c) => {
      const verified = webhookLog.receive(await c.req.text(), c.req.header());
      if (!verified) return errorResponse(c, 401, { code: 'unauthorized', message: 'This body is not signed for the demo dealer' });
      return c.body(null, 204);
    });
    app.get(DEMO_WEBHOOK_PATH, (c) => {
      const after = Number(c.req.query('after') ?? 0);
      return c.json({ events: webhookLog.after(Number.isFinite(after) ? after : 0) });
    });
  }
  const files = widgetFiles(widgetDir);
  app.use('/coverkit.js', widgetAssetHeaders(), async (c, next) => {
    if (!existsSync(`${widgetDir}/coverkit.js`)) {
      return errorResponse(c, 503, { code: 'unavailable', message: 'The widget is not built yet: run npm run build:widget' });
    }
    await next();
  });
  app.get('/coverkit.js', (c) => files(c, 'coverkit.js', REVALIDATE));
  app.use('/widget/*', widgetAssetHeaders());
  app.get('/widget/manifest.json', (c) => files(c, 'manifest.json', REVALIDATE));
  app.get('/widget/:name', (c) => {
    const name = c.req.param('name');
    if (!HASHED_NAME.test(name)) return errorResponse(c, 404, { code: 'not_found', message: `No widget file ${c.req.path}` });
    return files(c, `assets/${name}`, IMMUTABLE);
  });
  app.use('/', pageHeaders());
  app.use('/demo/*', pageHeaders());
  app.get('/', serveStatic({ root: demoDir, path: 'index.html' }));
  app.get('/demo/*', serveStatic({ root: demoDir, rewriteRequestPath: (p) => p.replace(/^\/demo/, '') }));
  return app;
}
