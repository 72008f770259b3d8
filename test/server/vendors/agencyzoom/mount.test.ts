/** Mounted the way the server mounts it, at /sandbox/agencyzoom, the sandbox answers the seed's paths under it. */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { AgencyZoomClient } from '../../../../server/vendors/agencyzoom/client.ts';
import { agencyZoomConfigFromEnv } from '../../../../server/vendors/agencyzoom/config.ts';
import { createAgencyZoomSandbox } from '../../../../server/vendors/agencyzoom/sandbox/index.ts';
import { get, send } from './harness.ts';

describe('mounted under /sandbox/agencyzoom', () => {
  it("serves the API, /_faults and errors in AgencyZoom's shape, and the default config points at it", async () => {
    const app = new Hono();
    app.route('/sandbox/agencyzoom', createAgencyZoomSandbox());
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const root = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const base = `${root}/sandbox/agencyzoom`;
      const client = new AgencyZoomClient(agencyZoomConfigFromEnv({}, { sandboxBaseUrl: base }));
      expect(await client.leadRefs()).toEqual({ pipelineId: 1, stageId: 11, leadSourceId: 101, assignTo: 201 });

      expect((await get(base, '/_faults')).body).toMatchObject({ outage: false });
      await send(base, 'PUT', '/_faults', { json: { outage: true } });
      expect(await get(base, '/v1/api/carriers')).toMatchObject({
        status: 500,
        body: { message: 'Internal processing error', result: false },
      });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
