/**
 * Fault knobs (outage, error rate, latency, rate limit) answer with
 * AgencyZoom's own error bodies, and the client turns each into the right
 * VendorError kind.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgencyZoomClient } from '../../../../server/vendors/agencyzoom/client.ts';
import { VendorError } from '../../../../server/vendors/shared/errors.ts';
import { FaultKnobs } from '../../../../server/vendors/shared/faults.ts';
import { get, post, type Sandbox, send, startSandbox } from './harness.ts';

const INTERNAL = { message: 'Internal processing error', id: 0, result: false };

describe('fault knobs', () => {
  const faults = new FaultKnobs();
  let sandbox: Sandbox;
  let token: string;
  beforeAll(async () => {
    sandbox = await startSandbox({ faults, rateLimit: { perMinute: 1000 } });
    token = await sandbox.login();
  });
  afterAll(() => sandbox.close());

  it('are read and changed at /_faults at the sandbox root', async () => {
    expect(await get(sandbox.url, '/_faults')).toMatchObject({
      status: 200,
      body: { latencyMs: 0, latencyRate: 1, errorRate: 0, outage: false, rateLimitPerMinute: 0 },
    });
    const bad = await send(sandbox.url, 'PUT', '/_faults', { json: { outage: 'yes' } });
    expect(bad.status).toBe(400);
    const set = await send(sandbox.url, 'PUT', '/_faults', { json: { latencyMs: 5 } });
    expect(set).toMatchObject({ status: 200, body: { latencyMs: 5 } });
    faults.set({ latencyMs: 0 });
  });

  it('an outage answers every path, login included, with the documented 500; the client sees unavailable', async () => {
    await send(sandbox.url, 'PUT', '/_faults', { json: { outage: true } });
    try {
      expect(
        await post(sandbox.url, '/v1/api/auth/login', { username: 'agent@pleasantville.example', password: 'sandbox-password' }),
      ).toMatchObject({ status: 500, body: INTERNAL });
      expect(await get(sandbox.url, '/v1/api/carriers', token)).toMatchObject({ status: 500, body: INTERNAL });
      const error = (await sandbox
        .client()
        .employees()
        .catch((e: unknown) => e)) as VendorError;
      expect(error).toBeInstanceOf(VendorError);
      expect(error).toMatchObject({ kind: 'unavailable', message: 'AgencyZoom: Internal processing error', details: { status: 500 } });
    } finally {
      await send(sandbox.url, 'PUT', '/_faults', { json: { outage: false } });
    }
    expect((await get(sandbox.url, '/v1/api/carriers', token)).status).toBe(200);
  });

  it('an error rate of 0.5 fails exactly every second request', async () => {
    faults.set({ errorRate: 0.5 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await get(sandbox.url, '/v1/api/carriers', token)).status);
      expect(statuses).toEqual([200, 500, 200, 500, 200, 500]);
    } finally {
      faults.set({ errorRate: 0 });
    }
  });

  it('a failed create is not sent again by the client', async () => {
    const client = sandbox.client();
    await client.carriers(); // logged in before the faults start
    faults.set({ errorRate: 1 });
    try {
      const before = sandbox.requests.length;
      const lead = {
        firstname: 'Ann',
        email: 'ann@example.com',
        pipelineId: 1,
        stageId: 11,
        leadSourceId: 101,
        assignTo: 201,
        country: 'US',
      };
      await expect(client.createLead(lead)).rejects.toMatchObject({ kind: 'unavailable' });
      expect(sandbox.requests.slice(before)).toEqual(['POST /v1/api/leads/create']);
    } finally {
      faults.set({ errorRate: 0 });
    }
  });

  it('a failed read is not sent again either: a retry would spend the 30-a-minute budget', async () => {
    const client = sandbox.client();
    await client.carriers(); // logged in (and carriers cached) before the faults start
    faults.set({ errorRate: 1 });
    try {
      const before = sandbox.requests.length;
      await expect(client.employees()).rejects.toMatchObject({ kind: 'unavailable', details: { status: 500 } });
      await expect(client.getLead(1)).rejects.toMatchObject({ kind: 'unavailable', details: { status: 500 } });
      expect(sandbox.requests.slice(before)).toEqual(['GET /v1/api/employees', 'GET /v1/api/leads/1']);
    } finally {
      faults.set({ errorRate: 0 });
    }
  });

  it('added latency beyond the client timeout is a timeout', async () => {
    const client = sandbox.client({ timeoutMs: 100 });
    faults.set({ latencyMs: 250 });
    try {
      const error = (await client.carriers().catch((e: unknown) => e)) as VendorError;
      expect(error).toBeInstanceOf(VendorError);
      expect(error.kind).toBe('timeout');
    } finally {
      faults.set({ latencyMs: 0 });
    }
  });

  it("the knob rate limit answers 429 with Retry-After in AgencyZoom's body; the client sees rate_limited", async () => {
    const client = sandbox.client();
    await client.carriers();
    faults.set({ rateLimitPerMinute: 1 });
    try {
      await get(sandbox.url, '/v1/api/carriers', token);
      const refused = await get(sandbox.url, '/v1/api/carriers', token);
      expect(refused.status).toBe(429);
      const retryAfter = Number(refused.headers.get('Retry-After'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(refused.body).toEqual({ message: `Rate limit exceeded: try again in ${retryAfter} s`, id: 0, result: false });

      const error = (await client.searchLeads({}).catch((e: unknown) => e)) as VendorError;
      expect(error).toMatchObject({ kind: 'rate_limited', details: { status: 429, retryAfterSeconds: expect.any(Number) } });
      expect(error.details.retryAfterSeconds).toBeLessThanOrEqual(60);
    } finally {
      faults.set({ rateLimitPerMinute: 0 });
    }
  });
});

describe('an answer that is not the documented shape', () => {
  it('is VendorError malformed, not a crash', async () => {
    const fake = new Hono();
    fake.post('/v1/api/auth/login', (c) => c.json({ jwt: 'opaque-token', ownerAgent: false }));
    fake.get('/v1/api/employees', (c) => c.json({ employees: 'not a list' }));
    fake.post('/v1/api/leads/create', (c) => c.json({ message: 'ok', result: true }));
    const server = serve({ fetch: fake.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const client = new AgencyZoomClient({ baseUrl: url, username: 'u', password: 'p', timeoutMs: 1000, leadRouting: {} });
      await expect(client.employees()).rejects.toMatchObject({ kind: 'malformed' });
      const lead = { firstname: 'A', email: 'a@example.com', pipelineId: 1, stageId: 1, leadSourceId: 1, assignTo: 1, country: 'US' };
      await expect(client.createLead(lead)).rejects.toMatchObject({
        kind: 'malformed',
        message: expect.stringContaining("without the new record's id"),
      });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
