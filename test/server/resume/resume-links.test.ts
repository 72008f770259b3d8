/**
 * Carrying a session to another device, through HTTP as the widget does it:
 * the widget on the kiosk mints a one-time link with its session token
 * (POST /v1/session/resume-link), and the widget on the phone trades the
 * link's code for a token of the same session (POST /v1/sessions/resume),
 * whose draft holds the answers and the step. The link opens once, for ten
 * minutes (or as configured), only for its dealer, only on its page origin,
 * and only while the session runs. The server runs on a clock the test moves.
 */
import { decodeJwt } from 'jose';
import { encode } from 'uqr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESUME_PARAMETER, ResumeLinkCreated, SessionCreated } from '../../../contract/index.ts';
import type { Dealer } from '../../../server/auth/dealers.ts';
import { hashSecretKey } from '../../../server/auth/secrets.ts';
import { bearer, call, createSession, secretKeyHeaders } from '../../helpers/http.ts';
import { OTHER_ORIGIN, startTestServer, TEST_DEALERS, TEST_ORIGIN, type TestServer } from '../../helpers/server.ts';

const MINUTE = 60_000;
/** Acme's second allow-listed site: allowed, but not where a link made on TEST_ORIGIN opens. */
const SECOND_ORIGIN = 'https://used-cars.dealer.example';
const PAGE = `${TEST_ORIGIN}/inventory/toyota-rav4?stock=R4-2019#photos`;

const dealers: Dealer[] = Object.values(TEST_DEALERS).map((d) => ({
  clientId: d.clientId,
  name: d.name,
  secretKeySha256: hashSecretKey(d.secretKey),
  allowedOrigins: d.origin === TEST_ORIGIN ? [d.origin, SECOND_ORIGIN] : [d.origin],
  products: ['quote', 'connect', 'lookup'],
}));

let now = Date.now();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ now: () => now, dealers });
});
afterAll(() => server?.close());

const mint = (token: string, pageUrl: string = PAGE, origin: string = TEST_ORIGIN, base = server.url) =>
  call(`${base}/v1/session/resume-link`, { method: 'POST', headers: bearer(token, origin), json: { pageUrl } });
const redeem = (code: string, origin: string | null = TEST_ORIGIN, clientId: string = TEST_DEALERS.acme.clientId, base = server.url) =>
  call(`${base}/v1/sessions/resume`, { method: 'POST', headers: origin === null ? {} : { Origin: origin }, json: { clientId, code } });
const codeOf = (url: string) => new URL(url).searchParams.get(RESUME_PARAMETER) ?? '';

/** A public session on the dealer's page, as the kiosk's widget starts it, with the shopper's answers saved. */
async function kioskSession(base = server.url) {
  const res = await call(`${base}/v1/sessions/public`, {
    method: 'POST',
    headers: { Origin: TEST_ORIGIN },
    json: { clientId: TEST_DEALERS.acme.clientId },
  });
  expect(res.status).toBe(201);
  const saved = await call(`${base}/v1/session/draft`, {
    method: 'PUT',
    headers: bearer(res.body.sessionToken, TEST_ORIGIN),
    json: { revision: 0, step: 'vehicles', answers: { contact: { email: 'maria.garcia@example.com' } }, insuredNow: true },
  });
  expect(saved.status).toBe(200);
  return res.body as SessionCreated;
}

/** The dark modules the QR code's SVG draws, read back from its path of runs (`M x y h n v1 H x z`). */
function qrModules(svg: string): boolean[][] {
  const size = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)?.[1]);
  const modules = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  for (const [, x, y, run] of svg.matchAll(/M(\d+) (\d+)h(\d+)v1H\d+z/g)) {
    for (let i = 0; i < Number(run); i++) modules[Number(y)]![Number(x) + i] = true;
  }
  return modules;
}

describe('a resume link', () => {
  it('opens the same page with a one-time code, and on the phone gives a token of the same session and its draft', async () => {
    const kiosk = await kioskSession();
    const res = await mint(kiosk.sessionToken);
    expect(res.status).toBe(201);
    const link = ResumeLinkCreated.parse(res.body);
    const url = new URL(link.url);
    // The page itself, query kept, fragment dropped, the code added.
    expect(`${url.origin}${url.pathname}`).toBe(`${TEST_ORIGIN}/inventory/toyota-rav4`);
    expect(url.searchParams.get('stock')).toBe('R4-2019');
    expect(url.hash).toBe('');
    expect(codeOf(link.url)).toMatch(/^rsm_[A-Za-z0-9_-]{22}$/);
    expect(Date.parse(link.expiresAt)).toBe(now + 10 * MINUTE);
    expect(qrModules(link.qrSvg)).toEqual(encode(link.url, { ecc: 'M', border: 4 }).data);

    const phone = await redeem(codeOf(link.url));
    expect(phone.status).toBe(201);
    expect(SessionCreated.parse(phone.body).sessionId).toBe(kiosk.sessionId);
    expect(phone.body.sessionExpiresAt).toBe(kiosk.sessionExpiresAt);
    const claims = decodeJwt(phone.body.sessionToken);
    expect(claims).toMatchObject({ sub: kiosk.sessionId, dlr: TEST_DEALERS.acme.clientId, org: TEST_ORIGIN });
    expect(claims.jti).not.toBe(decodeJwt(kiosk.sessionToken).jti);

    const draft = await call(`${server.url}/v1/session/draft`, { headers: bearer(phone.body.sessionToken, TEST_ORIGIN) });
    expect(draft.status).toBe(200);
    expect(draft.body).toMatchObject({ step: 'vehicles', answers: { contact: { email: 'maria.garcia@example.com' } }, insuredNow: true });
  });

  it('opens once: a second use is 410 resume_link_used, naming the code, even when two phones race', async () => {
    const kiosk = await kioskSession();
    const code = codeOf((await mint(kiosk.sessionToken)).body.url);
    const raced = await Promise.all([redeem(code), redeem(code), redeem(code)]);
    expect(raced.map((r) => r.status).sort()).toEqual([201, 410, 410]);
    const again = await redeem(code);
    expect(again.status).toBe(410);
    expect(again.body.error).toMatchObject({ code: 'resume_link_used', fields: { code: [expect.stringMatching(/already used/)] } });
  });

  it('stops working after ten minutes with 410 resume_link_expired', async () => {
    const kiosk = await kioskSession();
    const code = codeOf((await mint(kiosk.sessionToken)).body.url);
    now += 10 * MINUTE + 1_000;
    const late = await redeem(code);
    expect(late.status).toBe(410);
    expect(late.body.error).toMatchObject({ code: 'resume_link_expired', fields: { code: [expect.stringMatching(/expired/)] } });
  });

  it('lasts as long as COVERKIT_RESUME_LINK_SECONDS says', async () => {
    let clock = Date.now();
    const short = await startTestServer({
      now: () => clock,
      dealers,
      env: { COVERKIT_RESUME_LINK_SECONDS: '120', COVERKIT_SESSION_LIFETIME_SECONDS: '3600' },
    });
    try {
      const kiosk = await kioskSession(short.url);
      const first = await mint(kiosk.sessionToken, PAGE, TEST_ORIGIN, short.url);
      expect(Date.parse(first.body.expiresAt)).toBe(clock + 2 * MINUTE);
      clock += 3 * MINUTE;
      expect((await redeem(codeOf(first.body.url), TEST_ORIGIN, undefined, short.url)).body.error.code).toBe('resume_link_expired');
    } finally {
      await short.close();
    }
  });

  it('opens only on the page origin it was made for, and a refused origin does not spend it', async () => {
    const kiosk = await kioskSession();
    const code = codeOf((await mint(kiosk.sessionToken)).body.url);
    const foreign = await redeem(code, 'https://evil.example');
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe('origin_not_allowed');
    expect(foreign.body.error.message).toMatch(/https:\/\/evil\.example/);
    // Another of the dealer's own sites: allow-listed, but not where the session lives.
    const sibling = await redeem(code, SECOND_ORIGIN);
    expect(sibling.status).toBe(403);
    expect(sibling.body.error).toMatchObject({ code: 'origin_not_allowed', message: expect.stringContaining(SECOND_ORIGIN) });
    expect((await redeem(code, null)).status).toBe(403);
    // CORS lets the refused page read why, as for POST /v1/sessions/public.
    expect(foreign.headers.get('access-control-allow-origin')).toBe('https://evil.example');
    expect((await redeem(code)).status).toBe(201);
  });

  it('is not found for another dealer (from its own page), and still opens for its own', async () => {
    const kiosk = await kioskSession();
    const code = codeOf((await mint(kiosk.sessionToken)).body.url);
    const other = await redeem(code, OTHER_ORIGIN, TEST_DEALERS.other.clientId);
    expect(other.status).toBe(404);
    expect(other.body.error).toMatchObject({ code: 'not_found', fields: { code: [expect.any(String)] } });
    const made = await redeem('rsm_AAAAAAAAAAAAAAAAAAAAAA');
    expect(made.status).toBe(404);
    expect(made.body.error).toEqual(other.body.error);
    expect((await redeem(code)).status).toBe(201);
  });

  it('is refused once the dealer ended the session (session_revoked), or the session has reached its end', async () => {
    const kiosk = await kioskSession();
    const code = codeOf((await mint(kiosk.sessionToken)).body.url);
    const ended = await call(`${server.url}/v1/sessions/${kiosk.sessionId}/revoke`, { method: 'POST', headers: secretKeyHeaders() });
    expect(ended.status).toBe(204);
    const res = await redeem(code);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('session_revoked');

    // A link made in a session's last minutes ends with it: past the end, it is expired too.
    let clock = Date.now();
    const hourly = await startTestServer({ now: () => clock, dealers, env: { COVERKIT_SESSION_LIFETIME_SECONDS: '600' } });
    try {
      const late = await kioskSession(hourly.url);
      clock += 8 * MINUTE;
      const link = await mint(late.sessionToken, PAGE, TEST_ORIGIN, hourly.url);
      expect(link.body.expiresAt).toBe(late.sessionExpiresAt);
      clock = Date.parse(late.sessionExpiresAt) + 1_000;
      const over = await redeem(codeOf(link.body.url), TEST_ORIGIN, undefined, hourly.url);
      expect(over.status).toBe(410);
      expect(over.body.error.code).toBe('resume_link_expired');
    } finally {
      await hourly.close();
    }
  });

  it('is made only for the page origin the session is bound to, naming pageUrl', async () => {
    const kiosk = await kioskSession();
    for (const pageUrl of [`${SECOND_ORIGIN}/inventory`, 'https://evil.example/', 'javascript:alert(1)', 'not a url']) {
      const res = await mint(kiosk.sessionToken, pageUrl);
      expect(res.status, pageUrl).toBe(400);
      expect(Object.keys(res.body.error.fields)).toEqual(['pageUrl']);
    }
    // A session the dealer's backend bound to no origin: any of the dealer's allow-listed origins.
    const unbound = await createSession(server.url);
    expect((await mint(unbound.sessionToken, `${SECOND_ORIGIN}/inventory`, SECOND_ORIGIN)).status).toBe(201);
    expect((await mint(unbound.sessionToken, 'https://evil.example/')).status).toBe(400);
    // Without a session token there is no link.
    expect((await call(`${server.url}/v1/session/resume-link`, { method: 'POST', json: { pageUrl: PAGE } })).status).toBe(401);
  });

  it('keeps only a hash of the code', async () => {
    const kiosk = await kioskSession();
    const code = codeOf((await mint(kiosk.sessionToken)).body.url);
    const rows = await server.runtime.db.query<Record<string, unknown>>('SELECT * FROM resume_links WHERE session_id = $1', [
      kiosk.sessionId,
    ]);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(code);
    expect(JSON.stringify(rows)).not.toContain(code.slice(4));
  });

  it('refuses a body without a well-formed code or clientId, naming the field', async () => {
    const bad = await call(`${server.url}/v1/sessions/resume`, {
      method: 'POST',
      headers: { Origin: TEST_ORIGIN },
      json: { clientId: 'acme-motors', code: 'x' },
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)).toEqual(['code']);
    const none = await call(`${server.url}/v1/sessions/resume`, { method: 'POST', headers: { Origin: TEST_ORIGIN }, json: { code: 'x' } });
    expect(Object.keys(none.body.error.fields).sort()).toEqual(['clientId', 'code']);
  });

  it('is redeemed within the address budget of public sessions (COVERKIT_SESSION_RATE_PER_IP), then 429 with Retry-After', async () => {
    const tight = await startTestServer({ dealers, env: { COVERKIT_SESSION_RATE_PER_IP: '3' } });
    try {
      const tries = [];
      for (let i = 0; i < 4; i++) tries.push(await redeem('rsm_AAAAAAAAAAAAAAAAAAAAAA', TEST_ORIGIN, undefined, tight.url));
      expect(tries.map((r) => r.status)).toEqual([404, 404, 404, 429]);
      expect(Number(tries[3]!.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await tight.close();
    }
  });
});
