/**
 * One shopper's quote stream: every event of the request after `resumeAfter`,
 * in number order, each exactly once, then the end after `done`. Events come
 * from three places — handed over by this process when it records them, read
 * from the database when another process did (or when the numbers show a gap),
 * and read again at each heartbeat in case a notice was lost.
 */
import type { SSEStreamingApi } from 'hono/streaming';
import { QuoteStreamEvents } from '../../contract/index.ts';
import type { QuoteEventHub } from './events.ts';
import type { QuoteEvent, QuoteStore } from './store.ts';

export async function streamQuoteEvents(
  stream: SSEStreamingApi,
  options: {
    requestId: string;
    resumeAfter: number;
    store: QuoteStore;
    hub: QuoteEventHub;
    heartbeatMs: number;
    onSkipped?: (n: number) => void;
  },
): Promise<void> {
  const { requestId, store, hub, heartbeatMs } = options;
  let lastN = options.resumeAfter;
  let handedOver: QuoteEvent[] = [];
  let mustRead = true; // the replay of everything after resumeAfter
  /** The newest event number any notice announced. */
  let announced = 0;
  let ended = hub.closed;
  let wake: (() => void) | undefined;
  const nudge = () => wake?.();

  const unwatch = hub.watch(requestId, {
    events: (events) => {
      handedOver.push(...events);
      nudge();
    },
    notified: (latest) => {
      if (latest > announced) announced = latest;
      if (latest > lastN) nudge();
    },
    closed: () => {
      ended = true;
      nudge();
    },
  });
  stream.onAbort(() => {
    ended = true;
    nudge();
  });

  const send = async (event: QuoteEvent) => {
    lastN = event.n;
    if (event.kind === 'done') ended = true;
    // Stored events were checked when recorded; one that still does not fit is skipped, not allowed to end the stream.
    const payload = QuoteStreamEvents[event.kind].safeParse(event.payload);
    if (!payload.success) {
      options.onSkipped?.(event.n);
      return;
    }
    await stream.writeSSE({ id: String(event.n), event: event.kind, data: JSON.stringify(payload.data) });
  };

  try {
    // Tells EventSource-style clients how soon to reconnect, and sends the headers at once.
    await stream.write('retry: 2000\n\n');
    while (!ended) {
      // Events handed over in order need no read; a gap means another writer came between.
      handedOver.sort((a, b) => a.n - b.n);
      while (!ended && handedOver.length > 0 && !mustRead) {
        const next = handedOver.shift()!;
        if (next.n <= lastN) continue;
        if (next.n === lastN + 1) await send(next);
        else mustRead = true;
      }
      if (!mustRead && announced > lastN && !ended) {
        // The notice of our own write can come before the write's hand-over: give the hand-over a turn.
        await new Promise((resolve) => setImmediate(resolve));
        if (handedOver.length > 0) continue;
        mustRead = true;
      }
      if (mustRead && !ended) {
        mustRead = false;
        for (const event of await store.eventsSince(requestId, lastN)) {
          await send(event);
          if (ended) break;
        }
        handedOver = handedOver.filter((e) => e.n > lastN);
      }
      if (ended) break;
      if (handedOver.length > 0 || mustRead || announced > lastN) continue;
      const woken = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), heartbeatMs);
        wake = () => {
          clearTimeout(timer);
          resolve(true);
        };
      });
      wake = undefined;
      if (!woken && !ended) {
        mustRead = true;
        await stream.write(': keep-alive\n\n');
      }
    }
  } finally {
    unwatch();
  }
}
