/** The one rule for links a vendor hands us (contract/links.ts): what passes in each mode, and why the rest does not. */
import { describe, expect, it } from 'vitest';
import { BrowserLink, checkVendorLink } from '../../contract/index.ts';

describe('vendor links', () => {
  it('passes https: links in both modes and http: only in sandbox mode, as parsed', () => {
    expect(checkVendorLink('https://app.autocomplete.io/uVwXyZ', 'live')).toEqual({ ok: true, href: 'https://app.autocomplete.io/uVwXyZ' });
    expect(checkVendorLink('  https://coverhound.com/resume/1?source=202', 'live')).toEqual({
      ok: true,
      href: 'https://coverhound.com/resume/1?source=202',
    });
    expect(checkVendorLink('http://localhost:8787/sandbox/x', 'sandbox')).toMatchObject({ ok: true });
    expect(checkVendorLink('http://app.autocomplete.io/x', 'live')).toEqual({
      ok: false,
      reason: 'it is a http: link, and only https: links are passed on in live mode',
    });
  });

  it('refuses scripts, data, hidden schemes, credentials and non-links, in every mode', () => {
    const refused = {
      'javascript:alert(1)': 'it is a javascript: link',
      'JavaScript:alert(1)': 'it is a javascript: link',
      'java\tscript:alert(1)': 'it is a javascript: link',
      '\u0001javascript:alert(1)': 'it is a javascript: link',
      'data:text/html,<script>alert(1)</script>': 'it is a data: link',
      'vbscript:msgbox(1)': 'it is a vbscript: link',
      'https://bank.example@evil.example/': 'it carries a user name or password',
      '/relative/path': 'it is not a URL',
      '': 'it is empty',
      [`https://a.example/${'x'.repeat(2048)}`]: 'it is longer than 2048 characters',
      'https://a.example/\ud800': 'it contains a character that is not text',
    };
    for (const mode of ['sandbox', 'live'] as const) {
      for (const [link, reason] of Object.entries(refused)) {
        const checked = checkVendorLink(link, mode);
        expect(checked.ok, link).toBe(false);
        if (!checked.ok) expect(checked.reason.startsWith(reason), `${link}: ${checked.reason}`).toBe(true);
      }
    }
    expect(checkVendorLink(42, 'sandbox')).toEqual({ ok: false, reason: 'it is empty' });
  });

  it('documents the links we answer as https: or http:, never another scheme', () => {
    expect(BrowserLink.safeParse('https://app.autocomplete.io/x').success).toBe(true);
    expect(BrowserLink.safeParse('http://localhost:8787/x').success).toBe(true);
    expect(BrowserLink.safeParse('javascript:alert(1)').success).toBe(false);
  });
});
