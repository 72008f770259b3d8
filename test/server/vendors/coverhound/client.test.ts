/**
 * The client's answers to what can go wrong besides auth and faults: a
 * refused request, an answer not in the documented shape, a vendor that
 * cannot be reached.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CoverHoundClient } from '../../../../server/vendors/coverhound/client.ts';
import { coverHoundConfigFromEnv } from '../../../../server/vendors/coverhound/config.ts';
import { toCoverHoundQuoteRequest } from '../../../../server/vendors/coverhound/map.ts';
import { VendorError } from '../../../../server/vendors/shared/errors.ts';
import { walshHousehold } from './canonical.ts';
import { type SandboxHarness, startSandbox, thrown } from './harness.ts';

const request = () => toCoverHoundQuoteRequest(walshHousehold(), { userId: 'client', carriers: ['GENRL'] });
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('CoverHound client', () => {
  let sandbox: SandboxHarness;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox?.close());
  beforeEach(() => void (sandbox.intercept = undefined));

  it('reports a refused request as rejected, naming every field CoverHound named', async () => {
    const bad = request();
    (bad.applicant.vehicles[0] as { ownership: string }).ownership = 'Owned';
    bad.applicant.drivers[0]!.ageLicensed = 14;
    const error = await thrown(() => sandbox.client().startQuote(bad));
    expect(error).toBeInstanceOf(VendorError);
    expect(error.kind).toBe('rejected');
    expect(error.details.status).toBe(400);
    expect(error.message).toBe(
      'CoverHound: applicant[vehicles][ownership] does not have a valid value; applicant[drivers][ageLicensed] does not have a valid value',
    );
    // The documented errors object comes back field by field, under CoverHound's own field names.
    expect(error.details.fields).toEqual({
      'applicant[vehicles][ownership]': ['does not have a valid value'],
      'applicant[drivers][ageLicensed]': ['does not have a valid value'],
    });
  });

  it('reports a 400 without the errors object (a body that is not JSON) by its message, with no fields', async () => {
    sandbox.intercept = (req) =>
      req.method === 'POST' && req.url.endsWith('/api/auto/quotes')
        ? json({ status: 400, message: 'Bad syntax: the request body is not well-formed JSON' }, 400)
        : undefined;
    const error = await thrown(() => sandbox.client().startQuote(request()));
    expect(error).toMatchObject({
      kind: 'rejected',
      message: 'CoverHound: Bad syntax: the request body is not well-formed JSON',
      details: { status: 400 },
    });
    expect(error.details.fields).toBeUndefined();
  });

  it('reports an answer not in the documented shape as malformed instead of crashing', async () => {
    const client = sandbox.client();
    const { transactionId } = await client.startQuote(request());
    sandbox.intercept = (req) => (req.method === 'GET' ? json({ transactionId, quotes: 'soon' }) : undefined);
    const error = await thrown(() => client.pollQuotes(transactionId));
    expect(error).toBeInstanceOf(VendorError);
    expect(error.kind).toBe('malformed');
  });

  it('reports a pay plan amount that is not a number as malformed', async () => {
    const client = sandbox.client();
    sandbox.intercept = (req) =>
      req.method === 'POST' && req.url.endsWith('/api/auto/quotes')
        ? json(
            {
              userId: 'client',
              transactionId: 't',
              quotes: [
                {
                  carrierCode: 'GENRL',
                  carrierName: 'The General',
                  payPlans: [
                    {
                      payPlanName: 'Pay in Full',
                      termLength: 6,
                      downPayment: 'free',
                      installment: '0.0',
                      numInstallments: 0,
                      totalPremium: '1.0',
                    },
                  ],
                },
              ],
            },
            201,
          )
        : undefined;
    const error = await thrown(() => client.quote(request()));
    expect(error.kind).toBe('malformed');
  });

  it('reports a vendor that cannot be reached as unavailable', async () => {
    const client = new CoverHoundClient(coverHoundConfigFromEnv({}, { sandboxBaseUrl: 'http://127.0.0.1:9/sandbox/coverhound' }), {
      retries: 0,
    });
    const error = await thrown(() => client.startQuote(request()));
    expect(error).toBeInstanceOf(VendorError);
    expect(error.kind).toBe('unavailable');
  });

  it('the synchronous quote sends usePolling false and the polling start sends true', async () => {
    const bodies: unknown[] = [];
    sandbox.intercept = (req) => {
      if (req.method === 'POST' && req.url.endsWith('/api/auto/quotes')) bodies.push(req.clone().json());
      return undefined;
    };
    const client = sandbox.client();
    await client.quote(request());
    await client.startQuote(request());
    const sent = (await Promise.all(bodies)) as Array<{ usePolling: boolean }>;
    expect(sent.map((body) => body.usePolling)).toEqual([false, true]);
  });
});
