/** The live-quote service, built from configuration: store, vendor sources, runner and stream hub. */
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Database } from '../db/index.ts';
import type { Sealer } from '../security/sealer.ts';
import type { Vendors } from '../vendors/index.ts';
import { QuoteEventHub } from './events.ts';
import { QuoteRequests } from './requests.ts';
import { QuoteRunner } from './runner.ts';
import { QuoteStore } from './store.ts';

export async function createQuoteService({
  db,
  sealer,
  vendors,
  config,
  logger,
}: {
  db: Database;
  sealer: Sealer;
  vendors: Pick<Vendors, 'quoteSources'>;
  config: Config;
  logger: Logger;
}) {
  const sources = vendors.quoteSources(config);
  const hub = new QuoteEventHub(db);
  const store = new QuoteStore(db, sealer, (requestId, events) => hub.publish(requestId, events));
  const runner = new QuoteRunner(store, sources, logger, { leaseMs: config.quotes.leaseMs });
  await hub.start();
  runner.startSweeper();
  let closing: Promise<void> | undefined;
  return {
    store,
    runner,
    hub,
    /** What the routes call. */
    requests: new QuoteRequests({
      store,
      runner,
      hub,
      deadlineMs: config.quotes.deadlineMs,
      heartbeatMs: config.quotes.heartbeatMs,
      carriersAsked: (body) => new Map(sources.map((source) => [source.vendor, source.carriersAsked(body)])),
    }),
    perSessionPerMinute: config.quotes.perSessionPerMinute,
    /** Ends streams and stops runs without finishing them, so another process or a restart resumes them. */
    close() {
      closing ??= (async () => {
        await hub.close();
        await runner.stop();
      })();
      return closing;
    },
  };
}

export type QuoteService = Awaited<ReturnType<typeof createQuoteService>>;
