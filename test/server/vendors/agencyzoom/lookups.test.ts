/** The lookups a lead needs, through the client, and how a lead is routed from them. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgencyZoomClient } from '../../../../server/vendors/agencyzoom/client.ts';
import { resolveLeadRefs } from '../../../../server/vendors/agencyzoom/refs.ts';
import { VendorError } from '../../../../server/vendors/shared/errors.ts';
import { manualClock, type Sandbox, startSandbox } from './harness.ts';

describe('lookups', () => {
  const clock = manualClock('2026-03-10T18:00:00Z');
  let sandbox: Sandbox;
  let client: AgencyZoomClient;
  beforeAll(async () => {
    sandbox = await startSandbox({ now: clock.now });
    client = sandbox.client({}, { now: clock.nowMs, lookupTtlMs: 60_000 });
  });
  afterAll(() => sandbox.close());

  it("reads the sandbox agency's pipelines, lead sources, producers, carriers and product lines", async () => {
    const pipelines = await client.pipelinesAndStages();
    expect(pipelines.map((p) => p.name)).toEqual(['Personal Lines', 'Commercial Lines']);
    expect(pipelines[0]!.stages.map((s) => s.name)).toEqual(['New Lead', 'Contacted', 'Quoted', 'Follow Up']);
    expect((await client.leadSources()).map((s) => s.name)).toContain('Dealer Website');
    const producers = (await client.employees()).filter((e) => e.isProducer && e.isActive);
    expect(producers.map((e) => e.email)).toEqual(['agent@pleasantville.example', 'riley@pleasantville.example']);
    expect(await client.carriers()).toContainEqual({ id: expect.any(Number), name: 'Progressive', standardCarrierCode: 'PROGR' });
    expect(await client.productLines()).toContainEqual(
      expect.objectContaining({ name: 'Personal Auto', standardProductLineCode: 'AUTOP' }),
    );
  });

  it('caches lookups for their lifetime, so routing each submission does not spend the call budget', async () => {
    await client.leadRefs();
    const count = sandbox.requests.length;
    await client.leadRefs();
    await client.carriers();
    expect(sandbox.requests.length).toBe(count);
    clock.advance(60_000);
    await client.carriers();
    expect(sandbox.requests.slice(count)).toEqual(['GET /v1/api/carriers']);
  });

  it('routes by default to the first pipeline and stage, the first lead source and the owner', async () => {
    expect(await client.leadRefs()).toEqual({ pipelineId: 1, stageId: 11, leadSourceId: 101, assignTo: 201 });
  });

  it('routes by configured names, ids or producer email', async () => {
    const routed = await sandbox
      .client({
        leadRouting: { pipeline: 'commercial lines', stage: 'Quoted', leadSource: '103', producer: 'RILEY@pleasantville.example' },
      })
      .leadRefs();
    expect(routed).toEqual({ pipelineId: 2, stageId: 22, leadSourceId: 103, assignTo: 202 });
  });
});

describe('resolveLeadRefs', () => {
  const lookups = {
    pipelines: [
      { id: '7', name: 'Later', seq: 2, stages: [{ id: '71', name: 'Start', seq: 1 }] },
      {
        id: '5',
        name: 'First',
        seq: 1,
        stages: [
          { id: '52', name: 'Second', seq: 2 },
          { id: '51', name: 'First', seq: 1 },
        ],
      },
    ],
    leadSources: [{ id: 9, name: 'Web' }],
    employees: [
      { id: 1, firstname: 'Csr', lastname: 'Only', isProducer: false, isActive: true, isOwner: true },
      { id: 2, firstname: 'Gone', lastname: 'Away', isProducer: true, isActive: false },
      { id: 3, firstname: 'Jo', lastname: 'Sells', email: 'jo@agency.example', isProducer: true, isActive: true },
    ],
  };

  it('orders pipelines and stages by seq and skips employees who cannot take leads', () => {
    expect(resolveLeadRefs(lookups)).toEqual({ pipelineId: 5, stageId: 51, leadSourceId: 9, assignTo: 3 });
    expect(resolveLeadRefs(lookups, { producer: 'Jo Sells', stage: '52' })).toMatchObject({ stageId: 52, assignTo: 3 });
  });

  it('says which configured name does not exist, and never falls back to another', () => {
    expect(() => resolveLeadRefs(lookups, { pipeline: 'Nope' })).toThrow(
      new VendorError('AgencyZoom', 'rejected', 'has no pipeline named "Nope"'),
    );
    expect(() => resolveLeadRefs(lookups, { producer: 'Gone Away' })).toThrow('has no active producer named "Gone Away"');
    expect(() => resolveLeadRefs({ ...lookups, leadSources: [] })).toThrow('has no lead source to put new leads in');
  });
});
