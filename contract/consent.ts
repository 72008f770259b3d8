/**
 * The shopper's consent to be contacted, as a recorded act (lead rules): the
 * server serves the disclosure, versioned and in the shopper's language, so
 * the text it stores is the text the shopper was shown; the widget says which
 * version it showed, in which language, on which page, and that the checkbox
 * was ticked; the server adds when, and from which address and browser.
 */
import { z } from 'zod';
import { storableString, text } from './primitives.ts';

const CONSENT_LOCALES = ['en', 'es'] as const;
export const ConsentLocale = z.enum(CONSENT_LOCALES, { error: 'Locale must be en or es' });

/** GET /v1/consent-disclosure: what the shopper is shown above the checkbox, and the checkbox's own words. */
export const ConsentDisclosure = z
  .object({
    /** Names this wording: send it back with the consent, and it is stored with the words it names. */
    version: z.string(),
    locale: ConsentLocale,
    /** The label of the checkbox the shopper ticks. */
    checkboxLabel: z.string(),
    /** The disclosure, word for word, shown with the checkbox. */
    text: z.string(),
  })
  .meta({ id: 'ConsentDisclosure' });

export const ConsentDisclosureQuery = z.object({
  locale: ConsentLocale.default('en'),
});

const pageUrl = storableString('Page URL')
  .pipe(
    z
      .url({ protocol: /^https?$/, error: 'Page URL must be the http(s) address of the page the shopper was on' })
      .max(2048, { error: 'Page URL must be at most 2048 characters' }),
  )
  .meta({ format: 'uri' });

/** What the widget sends with a submission: the disclosure it showed, and that the shopper ticked its checkbox. */
export const ConsentGiven = z
  .object({
    disclosureVersion: text('Disclosure version', 64),
    locale: ConsentLocale,
    checked: z.literal(true, { error: 'The shopper must tick the consent checkbox' }),
    /** The address of the page the shopper was on (the dealer's page embedding the widget). */
    pageUrl,
  })
  .meta({ id: 'ConsentGiven' });

const CONSENT_METHODS = ['disclosure', 'contact_consent'] as const;

/** The consent as stored with a submission and shown to its dealer. */
export const ConsentRecord = z
  .object({
    /**
     * `disclosure`: the shopper ticked the checkbox of the disclosure below, as Coverkit served it;
     * `contact_consent`: the caller sent only `contactConsent: true`, having shown its own wording, which Coverkit did not see.
     */
    method: z.enum(CONSENT_METHODS),
    disclosureVersion: z.string().optional(),
    locale: ConsentLocale.optional(),
    checkboxLabel: z.string().optional(),
    /** The disclosure text the shopper was shown, word for word. */
    text: z.string().optional(),
    checked: z.literal(true),
    /** When the server received the submission carrying the consent. */
    agreedAt: z.iso.datetime(),
    pageUrl: z.string().optional(),
    /** The address the submission came from (behind a trusted proxy, the address the proxy saw). */
    ipAddress: z.string(),
    userAgent: z.string().optional(),
  })
  .meta({ id: 'ConsentRecord' });

export type ConsentLocale = z.infer<typeof ConsentLocale>;
export type ConsentDisclosure = z.infer<typeof ConsentDisclosure>;
export type ConsentGiven = z.infer<typeof ConsentGiven>;
export type ConsentRecord = z.infer<typeof ConsentRecord>;
