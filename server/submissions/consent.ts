/**
 * The consent record stored with a submission. With the widget's `consent`,
 * the disclosure it names is looked up (the server's own words, rendered for
 * this dealer: what the shopper was shown) and the page it was shown on must
 * be one of the dealer's; the server adds the time, the address and the
 * browser. A caller that sends only `contactConsent: true` showed its own
 * wording: the record says so, with no words of ours.
 */
import type { ConsentRecord, SubmissionBody } from '../../contract/index.ts';
import type { Dealer } from '../auth/dealers.ts';
import type { SessionRecord } from '../auth/sessions.ts';
import { disclosure } from './disclosures.ts';
import { fieldError } from './field-error.ts';

/** Where the submission came from, as the HTTP layer saw it. */
export type SubmitContext = { ipAddress: string; userAgent?: string };

const MAX_USER_AGENT = 512;

export function consentRecord(
  body: SubmissionBody,
  { dealer, session }: { dealer: Pick<Dealer, 'name' | 'allowedOrigins'>; session: Pick<SessionRecord, 'origin'> },
  context: SubmitContext,
  now: Date,
): ConsentRecord {
  const userAgent = context.userAgent?.slice(0, MAX_USER_AGENT);
  const given = {
    checked: true as const,
    agreedAt: now.toISOString(),
    ipAddress: context.ipAddress,
    ...(userAgent ? { userAgent } : {}),
  };
  const consent = body.consent;
  if (!consent) return { method: 'contact_consent', ...given };
  const shown = disclosure(dealer.name, consent.locale, consent.disclosureVersion);
  if (!shown) {
    throw fieldError(
      'consent.disclosureVersion',
      'No such disclosure: show the one GET /v1/consent-disclosure serves and send its version',
    );
  }
  const origin = new URL(consent.pageUrl).origin;
  if (origin !== session.origin && !dealer.allowedOrigins.includes(origin)) {
    throw fieldError('consent.pageUrl', `The page must be on one of ${dealer.name}'s allowed origins`);
  }
  return {
    method: 'disclosure',
    disclosureVersion: shown.version,
    locale: shown.locale,
    checkboxLabel: shown.checkboxLabel,
    text: shown.text,
    ...given,
    pageUrl: consent.pageUrl,
  };
}
