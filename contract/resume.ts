/**
 * Resume links: a one-time link (and its QR code) that carries the shopper's
 * session from one device to another (a showroom kiosk or a laptop to their
 * phone), so they carry on where they were.
 */
import { z } from 'zod';
import { storableString } from './primitives.ts';
import { RESUME_PARAMETER } from './resume-parameter.ts';
import { ClientId } from './session.ts';

export { RESUME_PARAMETER };

const ResumeCode = storableString('code').regex(/^rsm_[A-Za-z0-9_-]{22}$/, {
  error: `code must be the ${RESUME_PARAMETER} value of a resume link, like rsm_3Ue2B0rQk7Yd9ZsVq1xLhA`,
});

export const CreateResumeLinkBody = z
  .object({
    /**
     * The page the widget is on (location.href): the link opens the same page. Its origin must be the one the
     * session is bound to (or, for a session bound to none, one on the dealer's allow-list).
     */
    pageUrl: storableString('pageUrl')
      .max(2048, { error: 'pageUrl must be at most 2048 characters' })
      .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
        error: 'pageUrl must be an http(s) address like https://dealer.example/cars/rav4',
      })
      .meta({ format: 'uri', example: 'https://dealer.example/cars/rav4' }),
  })
  .meta({ id: 'CreateResumeLinkRequest' });

export const ResumeLinkCreated = z
  .object({
    /** The page with `coverkit_resume=<code>` added: opening it (once) carries on in this session. */
    url: z.string().meta({ format: 'uri' }),
    /** When the link stops working, if it has not been used (10 minutes by default, never after the session ends). */
    expiresAt: z.iso.datetime(),
    /** The link as a QR code, an SVG image to show on wide screens so a phone's camera can open it. */
    qrSvg: z.string(),
  })
  .meta({ id: 'ResumeLinkCreated' });

export const ResumeSessionBody = z.object({ clientId: ClientId, code: ResumeCode }).meta({ id: 'ResumeSessionRequest' });

export type CreateResumeLinkBody = z.infer<typeof CreateResumeLinkBody>;
export type ResumeLinkCreated = z.infer<typeof ResumeLinkCreated>;
export type ResumeSessionBody = z.infer<typeof ResumeSessionBody>;
