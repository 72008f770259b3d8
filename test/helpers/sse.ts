/** Reads a Server-Sent Events stream the way the widget does (fetch with a bearer token). */
export type SseEvent = { id?: string; event: string; data: any };

export type SseReading = {
  status: number;
  events: SseEvent[];
  comments: string[];
  /** The stream was still open when timeoutMs ran out (only without stopAfter: with it, that throws). */
  timedOut: boolean;
};

export type ReadEventsOptions = {
  lastEventId?: string;
  /**
   * Stop reading once this holds. A stream that ends or times out before it
   * holds makes readEvents throw, saying so: a test waiting for `done` fails
   * there, clearly, instead of asserting on a silently cut list.
   */
  stopAfter?: (event: SseEvent, all: SseEvent[]) => boolean;
  /** Told of each event as it arrives (a test waiting for the stream to be under way). */
  onEvent?: (event: SseEvent) => void;
  timeoutMs?: number;
};

/** What a reading ended with, for error messages: the last few event names. */
const tail = (events: SseEvent[]) =>
  events.length === 0
    ? 'no events'
    : `${events.length} events, the last ${events
        .slice(-5)
        .map((e) => e.event)
        .join(', ')}`;

export async function readEvents(url: string, headers: Record<string, string>, options: ReadEventsOptions = {}): Promise<SseReading> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const events: SseEvent[] = [];
  const comments: string[] = [];
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { ...headers, ...(options.lastEventId ? { 'Last-Event-ID': options.lastEventId } : {}) },
      signal: controller.signal,
    });
  } catch (error) {
    clearTimeout(timer);
    if (timedOut) throw new Error(`SSE ${url}: no answer within ${timeoutMs} ms`);
    throw error;
  }
  if (!response.ok || !response.body) {
    clearTimeout(timer);
    return { status: response.status, events, comments, timedOut: false };
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let boundary: number;
      while ((boundary = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, boundary);
        buffer = buffer.slice(boundary + 2);
        const event: SseEvent = { event: 'message', data: undefined };
        let data = '';
        for (const line of block.split('\n')) {
          if (line.startsWith(':')) comments.push(line.slice(1).trim());
          else if (line.startsWith('id:')) event.id = line.slice(3).trim();
          else if (line.startsWith('event:')) event.event = line.slice(6).trim();
          else if (line.startsWith('data:')) data += line.slice(5).trim();
        }
        if (!data) continue;
        event.data = JSON.parse(data);
        events.push(event);
        options.onEvent?.(event);
        if (options.stopAfter?.(event, events)) {
          controller.abort();
          return { status: response.status, events, comments, timedOut: false };
        }
      }
    }
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  } finally {
    clearTimeout(timer);
  }
  if (options.stopAfter) {
    throw new Error(
      timedOut
        ? `SSE ${url}: timed out after ${timeoutMs} ms before stopAfter held (${tail(events)})`
        : `SSE ${url}: the stream ended before stopAfter held (${tail(events)})`,
    );
  }
  return { status: response.status, events, comments, timedOut };
}
