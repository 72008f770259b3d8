/**
 * Vendor writes whose outcome a try may never learn: a timeout while the
 * vendor is still working, a connection reset after the request left, a
 * process killed between the vendor's answer and our write. None of our
 * targets' vendors takes an idempotency key, so a target marks a write as
 * sent (`<step>SentAt` in its saved state) before sending it; a later try that
 * finds the mark without the write's result first looks at the vendor for what
 * the earlier call may have made, and adopts it instead of making another.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { VendorError } from '../../vendors/shared/errors.ts';

/**
 * The vendor said it made nothing: it refused the call (any 4xx, a 429
 * included, or a refusal in a 200 body), or the call never left. A timeout,
 * a network error, a 5xx or an answer we could not read leaves the outcome open.
 */
export function madeNothing(error: unknown): boolean {
  if (!(error instanceof VendorError)) return false;
  const status = error.details.status;
  // `paced`: our own pace held the call back before it left (call-buckets.ts).
  return error.kind === 'rejected' || error.details.code === 'paced' || (status !== undefined && status >= 400 && status < 500);
}

/** The instant an earlier try marked a write as sent, if it did. */
export function sentAt(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : at;
}

/**
 * How long after an uncertain write a retry waits before it looks for what
 * the write made: three of the client's timeouts from the moment it was
 * marked sent, and never less than SETTLE_FLOOR_MS. A vendor still working on
 * the call when our timeout gave up on it has finished by then unless it took
 * three times longer than we allow a call; the floor covers the time the call
 * spent between its mark and the wire (a busy database, a busy process) and
 * in the vendor's queue, which short test timeouts would not. Past that a write
 * can still be made twice.
 */
export const settleWindowMs = (callTimeoutMs: number) => Math.max(3 * callTimeoutMs, SETTLE_FLOOR_MS);
const SETTLE_FLOOR_MS = 5_000;

/** Waits until `windowMs` after an uncertain write was `sent` (see settleWindowMs), unless the try is stopped. */
export async function settle(sent: number, windowMs: number, signal: AbortSignal): Promise<void> {
  const waitMs = Math.min(windowMs, sent + windowMs - Date.now());
  if (waitMs > 0) await sleep(waitMs, undefined, { signal }).catch(() => signal.throwIfAborted());
  signal.throwIfAborted();
}
