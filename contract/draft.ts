/**
 * The shopper's progress, kept on the server under their session: the
 * answers so far and the step they are on, so a reload, a crash or a second
 * tab resumes where they were. Each save names the revision it was based on
 * (optimistic concurrency), so two tabs never silently overwrite each other.
 */
import { z } from 'zod';
import { DraftAnswers } from './applicant.ts';
import { ConnectionId } from './connection.ts';
import { ErrorBody } from './errors.ts';

/** The steps of the quote form a journey resumes on: the widget's registry names these (widget/components/steps.ts). */
const DRAFT_STEPS = ['contact', 'drivers', 'vehicles', 'coverage', 'review'] as const;
const DraftStep = z.enum(DRAFT_STEPS, { error: `Step must be one of: ${DRAFT_STEPS.join(', ')}` });

/** The largest draft kept, as JSON: a household of six drivers and six cars is a few KB. */
export const MAX_DRAFT_BYTES = 64 * 1024;

const Revision = z
  .number({ error: 'Revision must be a whole number: the revision of the draft this save is based on, 0 when there was none' })
  .int({ error: 'Revision must be a whole number: the revision of the draft this save is based on, 0 when there was none' })
  .min(0, { error: 'Revision cannot be negative' })
  .max(2_000_000_000, { error: 'Revision is too large' });

const SEQ_ERROR = 'writer.seq must be a whole number from 1: the count of saves this tab has sent';
const DraftWriter = z
  .strictObject({
    id: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, { error: 'writer.id must be 16 to 64 letters, digits, - or _: one per tab' }),
    seq: z
      .number({ error: SEQ_ERROR })
      .int({ error: SEQ_ERROR })
      .min(1, { error: SEQ_ERROR })
      .max(2_000_000_000, { error: 'writer.seq is too large' }),
  })
  .meta({ id: 'DraftWriter' });

export const SaveDraftBody = z
  .strictObject(
    {
      /** The revision this save is based on: the one the last GET or PUT answered, 0 when there was none. */
      revision: Revision,
      step: DraftStep,
      answers: DraftAnswers,
      /** The answer to "Do you have car insurance now?", once given. */
      insuredNow: z.boolean({ error: 'insuredNow must be true or false' }).optional(),
      /** The connection whose policy pre-filled the answers: it goes with the submission. */
      connectionId: ConnectionId.optional(),
      /**
       * The tab (one page load) saving, and how many saves it has sent: a tab's later save replaces its
       * own earlier one even when based on the revision before it (a save sent as the page hides, while
       * the previous save's answer is still on its way), but never another tab's.
       */
      writer: DraftWriter.optional(),
    },
    { error: (issue) => (issue.code === 'unrecognized_keys' ? `Unknown field: ${issue.keys.join(', ')}` : undefined) },
  )
  .meta({ id: 'SaveDraftRequest' });

export const SessionDraft = SaveDraftBody.omit({ revision: true })
  .extend({
    /** Goes up by one on every save (and when the draft is discarded): send it with the next save. */
    revision: z.number().int().min(1),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'SessionDraft' });

/** A save based on a revision that is no longer the current one: the current draft (null when discarded or never saved) and its revision. */
export const DraftConflict = ErrorBody.extend({
  revision: z.number().int().min(0),
  // A union rather than .nullable(): the document then says `anyOf: [SessionDraft, null]` (zod-to-openapi writes a
  // nullable named schema as an allOf that no null satisfies).
  draft: z.union([SessionDraft, z.null()]),
}).meta({ id: 'DraftConflict' });

export type DraftStep = z.infer<typeof DraftStep>;
export type SaveDraftBody = z.infer<typeof SaveDraftBody>;
export type SessionDraft = z.infer<typeof SessionDraft>;
export type DraftConflict = z.infer<typeof DraftConflict>;
