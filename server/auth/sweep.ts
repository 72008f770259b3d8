/**
 * The periodic sweep of what ended sessions leave behind: a session past its
 * absolute lifetime (or one its dealer ended) keeps no draft (its answers, or
 * the revision a discarded one reached) and no refresh key after it. Every
 * process sweeps; each DELETE is the same statement on each, so two at once
 * delete each row once.
 */
import type { Logger } from 'pino';

/** Something that keeps rows per session and deletes those of ended sessions. */
type EndedSessionRows = { purgeEnded(): Promise<number> };

export function startEndedSessionSweep({
  stores,
  logger,
  intervalSeconds,
}: {
  stores: Record<string, EndedSessionRows>;
  logger: Logger;
  intervalSeconds: number;
}) {
  const sweep = async () => {
    for (const [rows, store] of Object.entries(stores)) {
      const deleted = await store.purgeEnded();
      if (deleted > 0) logger.info({ rows, deleted }, 'deleted what ended sessions left');
    }
  };
  const timer = setInterval(() => {
    sweep().catch((error: Error) => logger.warn({ error: error.message }, 'could not delete what ended sessions left'));
  }, intervalSeconds * 1000);
  // A sweep never keeps the process up.
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
