/**
 * Live quotes: reads `GET /v1/quote-requests/{id}/stream` (Server-Sent Events)
 * with fetch, keeps every carrier's latest quote, and when the connection drops
 * reconnects with `Last-Event-ID` so nothing is missed or repeated.
 */
import type { Quote } from '../../contract/quote.ts';
import { type CoverkitApi, CoverkitApiError } from './client.ts';

export type StreamStatus = 'connecting' | 'open' | 'reconnecting' | 'done' | 'failed';
type SseEvent = { id?: string; event: string; data: string; retry?: number };

export type QuoteStreamListener = {
  /** A carrier's quote arrived or changed (pending → complete, declined or error). */
  quote(quote: Quote, previous: Quote | undefined): void;
  /** Anything changed: a quote, the connection status. */
  change(): void;
};

export class QuoteStream {
  /** Every carrier's latest quote, by quote id. */
  readonly quotes = new Map<string, Quote>();
  status: StreamStatus = 'connecting';
  error?: CoverkitApiError;
  lastEventId?: string;
  #abort?: AbortController;

  constructor(
    private readonly api: CoverkitApi,
    readonly requestId: string,
    private readonly listener: QuoteStreamListener,
    private readonly options = { retryMs: 2000, maxRetries: 6 },
  ) {}

  /** Starts (or resumes after a failure) reading; does nothing while already reading or once done. */
  start() {
    if (this.#abort || this.status === 'done') return;
    const abort = new AbortController();
    this.#abort = abort;
    void this.#follow(abort.signal).finally(() => {
      if (this.#abort === abort) this.#abort = undefined;
    });
  }

  stop() {
    this.#abort?.abort();
    this.#abort = undefined;
  }

  #set(status: StreamStatus, error?: CoverkitApiError) {
    this.status = status;
    this.error = error;
    this.listener.change();
  }

  async #follow(signal: AbortSignal) {
    let failures = 0;
    let retryMs = this.options.retryMs;
    this.#set(this.lastEventId ? 'reconnecting' : 'connecting');
    while (!signal.aborted) {
      try {
        const body = await this.api.openQuoteStream(this.requestId, this.lastEventId, signal);
        this.#set('open');
        for await (const event of readEvents(body)) {
          if (event.retry !== undefined) retryMs = event.retry;
          if (!event.data) continue;
          failures = 0;
          if (event.id) this.lastEventId = event.id;
          if (event.event === 'quote') {
            const quote = JSON.parse(event.data) as Quote;
            const previous = this.quotes.get(quote.id);
            this.quotes.set(quote.id, quote);
            this.listener.quote(quote, previous);
            this.listener.change();
          } else if (event.event === 'done') {
            this.#set('done');
            return;
          }
        }
      } catch (error) {
        if (signal.aborted) return;
        // The request itself is refused (expired session, unknown id): reconnecting cannot help.
        if (error instanceof CoverkitApiError && error.status >= 400 && error.status < 500 && error.status !== 429) {
          this.#set('failed', error);
          return;
        }
      }
      if (signal.aborted) return;
      if (++failures > this.options.maxRetries) {
        this.#set('failed', new CoverkitApiError(0, 'network_error', 'The connection to the quotes was lost'));
        return;
      }
      this.#set('reconnecting');
      await new Promise((resolve) => setTimeout(resolve, retryMs * Math.min(failures, 3)));
    }
  }
}

/** Parses an event stream: blocks separated by a blank line, `field: value` lines, comments ignored. */
async function* readEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<SseEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer = (buffer + decoder.decode(value, { stream: true })).replace(/\r\n?/g, '\n');
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event: SseEvent = { event: 'message', data: '' };
        const data: string[] = [];
        for (const line of block.split('\n')) {
          const colon = line.indexOf(':');
          if (colon === 0) continue;
          const field = colon < 0 ? line : line.slice(0, colon);
          const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'data') data.push(value);
          else if (field === 'event') event.event = value;
          else if (field === 'id') event.id = value;
          else if (field === 'retry' && /^\d+$/.test(value)) event.retry = Number(value);
        }
        event.data = data.join('\n');
        yield event;
      }
    }
  } finally {
    // Leaving early (done, or the caller stopped) closes the connection.
    reader.cancel().catch(() => {});
  }
}
