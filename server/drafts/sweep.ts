/**
 * The periodic sweep that deletes the drafts of ended sessions: a session past
 * its absolute lifetime (or one its dealer ended on a process that did not
 * delete its draft) keeps no answers, and no discarded draft's revision, after
 * it. Every process sweeps; the DELETE is the same statement on each, so two
 * at once delete each row once.
 */
import type { Logger } from 'pino';
import type { DraftStore } from './store.ts';

export function startDraftSweep({ drafts, logger, intervalSeconds }: { drafts: DraftStore; logger: Logger; intervalSeconds: number }) {
  const sweep = async () => {
    const deleted = await drafts.purgeEnded();
    if (deleted > 0) logger.info({ deleted }, 'deleted the drafts of ended sessions');
  };
  const timer = setInterval(() => {
    sweep().catch((error: Error) => logger.warn({ error: error.message }, 'could not delete the drafts of ended sessions'));
  }, intervalSeconds * 1000);
  // A sweep never keeps the process up.
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
