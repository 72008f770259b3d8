/**
 * The demo dealer's own webhook receiver, in sandbox mode only, so the demo
 * page can show the events a dealer would get. At start-up the demo dealer is
 * given (once: the same URL finds the same endpoint after a restart) an
 * endpoint for every event type at POST /demo/webhooks on this server. Each
 * delivery is verified with the `standardwebhooks` package, exactly as a
 * dealer's receiver does (the verifier is the library, not our signing code);
 * a body that does not verify is refused and kept nowhere. The last events
 * are kept in memory, for GET /demo/webhooks (the page's event log).
 */
import type { Logger } from 'pino';
import { Webhook } from 'standardwebhooks';
import { z } from 'zod';
import { WebhookEventType } from '../../contract/index.ts';
import { DEMO_CLIENT_ID, type DealerRegistry } from '../auth/dealers.ts';
import type { Config } from '../config.ts';
import type { WebhookEndpoints } from '../webhooks/service.ts';
import { TargetRefused } from '../webhooks/target-policy.ts';

/** Events the page can show; older ones are dropped. */
const KEEP = 50;
export const DEMO_WEBHOOK_PATH = '/demo/webhooks';

/** What a verified body must look like to be listed: ids and states only, as every event is. */
const EventShape = z.object({ type: WebhookEventType, timestamp: z.string(), data: z.record(z.string(), z.unknown()) });

export type DemoWebhookEvent = z.infer<typeof EventShape> & {
  /** Its place in this process's log: the page asks for what came after the last it has. */
  seq: number;
  /** The webhook-id: the same on every retry, so a retry is listed once. */
  id: string;
  verified: true;
};

export class DemoWebhookLog {
  readonly #webhook: Webhook;
  readonly #events: DemoWebhookEvent[] = [];
  #seq = 0;

  constructor(secret: string) {
    this.#webhook = new Webhook(secret);
  }

  /** Verifies one delivery and lists it (once per webhook-id); false, listing nothing, when it does not verify. */
  receive(body: string, headers: Record<string, string>): boolean {
    let event: z.infer<typeof EventShape>;
    try {
      event = EventShape.parse(this.#webhook.verify(body, headers));
    } catch {
      return false;
    }
    const id = headers['webhook-id']!;
    if (this.#events.some((e) => e.id === id)) return true;
    this.#events.push({ seq: ++this.#seq, id, ...event, verified: true });
    if (this.#events.length > KEEP) this.#events.shift();
    return true;
  }

  /** The events listed after `seq`, oldest first. */
  after(seq: number): DemoWebhookEvent[] {
    return this.#events.filter((e) => e.seq > seq);
  }
}

/**
 * The demo receiver, when this server has one: sandbox mode with the demo
 * dealer. It is reached where the vendor clients reach this server's sandboxes
 * (COVERKIT_SANDBOX_URL's origin, loopback by default), an address this
 * process always answers on.
 */
export async function openDemoWebhookLog(deps: {
  config: Pick<Config, 'mode' | 'sandboxUrl'>;
  dealers: DealerRegistry;
  webhooks: { endpoints: Pick<WebhookEndpoints, 'ensure'> };
  logger: Logger;
}): Promise<DemoWebhookLog | undefined> {
  if (deps.config.mode !== 'sandbox' || !deps.dealers.get(DEMO_CLIENT_ID)) return undefined;
  const url = new URL(DEMO_WEBHOOK_PATH, deps.config.sandboxUrl).toString();
  try {
    return new DemoWebhookLog(await deps.webhooks.endpoints.ensure(DEMO_CLIENT_ID, url));
  } catch (error) {
    if (!(error instanceof TargetRefused)) throw error;
    // COVERKIT_WEBHOOK_TARGETS forbids this server's own address: the demo page shows widget events only.
    deps.logger.warn({ reason: error.message }, 'The demo page shows no webhook events: webhooks may not be sent to this server');
    return undefined;
  }
}
