/**
 * Links a vendor hands us that reach a browser or a dealer: AutoComplete's
 * shopping link (`flowUrl`), CoverHound's purchase link (`purchaseUrl`). A
 * vendor answer is input we did not write: a `javascript:` or `data:` link in
 * a widget's `href` runs script on the dealer's page, and an `http:` link
 * sends the shopper's next page in clear. One rule, here, for every vendor
 * mapping and every place such a link is stored or shown:
 *   - live mode: `https:` only; sandbox mode: `https:` or `http:` (the
 *     sandboxes serve their stand-in pages from this server, often on http);
 *   - no user name or password (`https://bank.example@evil.example` reads as
 *     the bank's); an http(s) URL always names a host;
 *   - text we can store, at most 2048 characters.
 * What is passed on is the parsed link (`URL.href`), not the vendor's text:
 * a tab or a leading space (which a browser drops) cannot hide a scheme.
 */
import { z } from 'zod';
import { isStorableText } from './primitives.ts';

export type LinkMode = 'sandbox' | 'live';

const LINK_PROTOCOLS: Record<LinkMode, readonly string[]> = { live: ['https:'], sandbox: ['https:', 'http:'] };

const MAX_LINK_LENGTH = 2048;

export type LinkCheck = { ok: true; href: string } | { ok: false; reason: string };

/** Whether `value` is a link we pass on in `mode`; the reason in plain words when not (never the link itself). */
export function checkVendorLink(value: unknown, mode: LinkMode): LinkCheck {
  if (typeof value !== 'string' || value.trim() === '') return { ok: false, reason: 'it is empty' };
  if (value.length > MAX_LINK_LENGTH) return { ok: false, reason: `it is longer than ${MAX_LINK_LENGTH} characters` };
  if (!isStorableText(value)) return { ok: false, reason: 'it contains a character that is not text' };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, reason: 'it is not a URL' };
  }
  const allowed = LINK_PROTOCOLS[mode];
  if (!allowed.includes(url.protocol)) {
    // The scheme alone is named: it is what the dealer needs to know, and it carries nothing of the shopper's.
    const scheme = /^[a-z][a-z0-9+.-]{0,30}:$/.test(url.protocol) ? url.protocol : 'another';
    return {
      ok: false,
      reason: `it is a ${scheme} link, and only ${allowed.join(' or ')} links are passed on${mode === 'live' ? ' in live mode' : ''}`,
    };
  }
  if (url.username || url.password) return { ok: false, reason: 'it carries a user name or password' };
  return { ok: true, href: url.href };
}

/** The link itself when it passes the rule in `mode`, otherwise nothing: for a link that is a nicety (a quote's purchase link). */
export function vendorLinkOrNothing(value: unknown, mode: LinkMode): string | undefined {
  const checked = checkVendorLink(value, mode);
  return checked.ok ? checked.href : undefined;
}

/**
 * A vendor's link in our answers (quotes, submissions, the widget's events):
 * what the rule lets through in its widest mode, so the documented shape says
 * `https:` or `http:`, never another scheme.
 */
const LINK_ERROR = 'A link must be an https: (or, in sandbox mode, http:) URL';
export const BrowserLink = z
  .url({ protocol: /^https?$/, error: LINK_ERROR })
  .refine((value) => checkVendorLink(value, 'sandbox').ok, { error: LINK_ERROR });
