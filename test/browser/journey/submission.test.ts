/**
 * Sending the chosen quote to the dealer, in real Chromium against a real
 * Coverkit server: the shopper's agreement to be contacted, onSuccess and
 * `coverkit-success` with the SuccessPayload, the thank-you, the submission as
 * the dealer's backend reads it back, one submission whatever the clicks and
 * retries, and failures said where they belong.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { SuccessPayload, WidgetEvent } from '../../../contract/index.ts';
import { create } from '../../../widget/create.ts';
import {
  button,
  cleanUp,
  continueThroughPrefill,
  dealerReads,
  dealerSession,
  expectFocusOn,
  expectStep,
  field,
  focused,
  interceptFetch,
  jsonResponse,
  mount,
  press,
  recordEvents,
  tabTo,
  waitForAllQuotes,
} from './shopper.ts';

const apiBase = inject('apiBase');
const CONSENT = 'I agree to be contacted by Acme Motors about this quote';
const SEND = 'Send to Acme Motors';

afterEach(cleanUp);

const isSubmission = (url: string, init?: RequestInit) => url.endsWith('/v1/submissions') && init?.method === 'POST';

/** From a fresh dealer-made session with the household pre-filled to the confirmation of Progressive's quote. */
async function chooseProgressive() {
  await continueThroughPrefill();
  await waitForAllQuotes();
  await press(button('Choose Progressive'));
  await expectStep('Your choice');
}

async function agree() {
  await tabTo(field(CONSENT));
  await userEvent.keyboard(' ');
  expect((field(CONSENT).element() as HTMLInputElement).checked).toBe(true);
}

describe('sending the chosen quote', () => {
  it('asks for the agreement to be contacted, then stores the answer: onSuccess gets the payload, the shopper a thank-you, the dealer the submission', async () => {
    const { sessionId, sessionToken } = await dealerSession({ household: true });
    const events = recordEvents();
    const successes: SuccessPayload[] = [];
    const domSuccesses: SuccessPayload[] = [];
    const exits: unknown[] = [];
    document.addEventListener('coverkit-success', (e) => domSuccesses.push((e as CustomEvent<SuccessPayload>).detail), { once: true });
    create({
      sessionToken,
      apiBase,
      onSuccess: (p) => successes.push(p),
      onExit: (error, metadata) => exits.push({ error, metadata }),
    }).open();
    await chooseProgressive();

    // Not agreed yet: nothing is sent; focus goes to the checkbox, which says why.
    let posts = 0;
    interceptFetch((url, init) => {
      if (isSubmission(url, init)) posts++;
      return undefined;
    });
    await press(button(SEND));
    await expect.poll(() => focused()?.id).toBe('consent');
    await expect.element(field(CONSENT)).toHaveAttribute('aria-invalid', 'true');
    await expect
      .element(field(CONSENT))
      .toHaveAccessibleDescription('Tick this box to send your quote: the dealer needs your agreement to contact you.');
    expect(posts).toBe(0);

    await userEvent.keyboard(' ');
    await expect.element(field(CONSENT)).not.toHaveAttribute('aria-invalid');
    await press(button(SEND));
    await expectStep('Thank you');
    expect(posts).toBe(1);
    await expect
      .element(page.getByText('Acme Motors has your details and your Progressive quote, and will contact you soon.'))
      .toBeVisible();

    expect(successes).toHaveLength(1);
    const payload = successes[0] as SuccessPayload;
    expect(domSuccesses).toEqual([payload]);
    expect(Object.keys(payload).sort()).toEqual(['flowUrl', 'quoteRequestId', 'reference', 'selectedQuote', 'sessionId', 'submissionId']);
    expect(payload).toMatchObject({
      sessionId,
      submissionId: expect.stringMatching(/^sub_/),
      reference: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/),
      quoteRequestId: expect.stringMatching(/^qr_/),
      selectedQuote: { vendor: 'coverhound', carrierCode: 'PROGR', carrierName: 'Progressive', status: 'complete' },
      flowUrl: expect.stringMatching(/^https?:\/\//),
    });
    // AutoComplete's link to the shopper's offers, opening in a new tab.
    const offers = page.getByRole('link', { name: 'See your personalised offers (opens in a new tab)' });
    await expect.element(offers).toHaveAttribute('href', payload.flowUrl as string);
    await expect.element(offers).toHaveAttribute('target', '_blank');
    // A short reference to read out on the phone; the dealer finds the submission by it, however it is typed back.
    await expect.element(page.getByText('If you call Acme Motors, give this reference:')).toBeVisible();
    await expect.element(page.getByText(payload.reference, { exact: true })).toBeVisible();
    const spoken = payload.reference.toLowerCase().replace('-', ' ').replace(/0/g, 'o').replace(/1/g, 'l');
    const found = await dealerReads(`/submissions?reference=${encodeURIComponent(spoken)}`);
    expect(found.body.submissions.map((s: { submissionId: string }) => s.submissionId)).toEqual([payload.submissionId]);

    // The dealer's backend reads it back with its secret key: the household, the quote request and the chosen quote.
    const read = await dealerReads(`/submissions/${payload.submissionId}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      submissionId: payload.submissionId,
      sessionId,
      selectedQuote: { id: payload.selectedQuote?.id, carrierName: 'Progressive' },
      body: {
        quoteRequestId: payload.quoteRequestId,
        selectedQuoteId: payload.selectedQuote?.id,
        contactConsent: true,
        applicant: { contact: { email: 'maria.garcia@example.com' }, drivers: [{ firstName: 'Maria' }, { firstName: 'Luis' }] },
      },
    });
    expect(read.body.body.connectionId).toBeUndefined();

    // `submitted` says so without personal data; Done leaves (onExit, step done) and the greeting is back.
    const submitted = events.filter((e) => e.name === 'submitted');
    expect(submitted).toHaveLength(1);
    expect(Object.keys(submitted[0] as WidgetEvent).sort()).toEqual(['name', 'step', 'timestamp']);
    for (const event of events) expect(JSON.stringify(event)).not.toMatch(/Maria|Garcia|maria|sub_|qr_/);
    await press(button('Done'));
    expect(exits).toEqual([{ error: null, metadata: { sessionId, step: 'done' } }]);
    await expectFocusOn('Insurance for your next car');
  }, 60_000);

  it('a double click, a lost answer and "Try again" store one submission: the same Idempotency-Key every time', async () => {
    const { sessionId, sessionToken } = await dealerSession({ household: true });
    const since = new Date(Date.now() - 1000).toISOString();
    const successes: SuccessPayload[] = [];
    document.addEventListener('coverkit-success', (e) => successes.push((e as CustomEvent<SuccessPayload>).detail));
    mount({ 'session-token': sessionToken, 'api-base': apiBase });
    await chooseProgressive();
    await agree();

    // The first request reaches the server and is stored, but its answer is lost like a dropped connection.
    const keys: (string | null)[] = [];
    interceptFetch((url, init, real) => {
      if (!isSubmission(url, init)) return undefined;
      keys.push(new Headers(init?.headers).get('Idempotency-Key'));
      return keys.length === 1 ? real(url, init).then(() => Promise.reject(new TypeError('Failed to fetch'))) : undefined;
    });
    await userEvent.dblClick(button(SEND));
    await expect.element(page.getByRole('alert')).toHaveTextContent('We could not send your quote. Nothing was lost: try again.');
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    await press(button('Try again'));
    await expectStep('Thank you');
    expect(keys).toEqual([keys[0], keys[0]]);
    expect(successes).toHaveLength(1);

    // The dealer sees exactly one submission from this session (listed a moment after it is made).
    await expect
      .poll(
        async () =>
          (await dealerReads(`/submissions?since=${encodeURIComponent(since)}&limit=200`)).body.submissions.filter(
            (s: { sessionId: string }) => s.sessionId === sessionId,
          ).length,
        { timeout: 10_000, interval: 500 },
      )
      .toBe(1);
  }, 60_000);

  it('says plainly when it is too busy or the server fails, and the retry is the same submission', async () => {
    const { sessionToken } = await dealerSession({ household: true });
    mount({ 'session-token': sessionToken, 'api-base': apiBase });
    await chooseProgressive();
    await agree();
    const keys: (string | null)[] = [];
    const refusals = [
      jsonResponse(
        429,
        { error: { code: 'rate_limited', message: 'Too many submissions in this session; try again in a minute' } },
        { 'Retry-After': '30' },
      ),
      jsonResponse(503, { error: { code: 'unavailable', message: 'Shutting down' } }),
    ];
    interceptFetch((url, init) => {
      if (!isSubmission(url, init)) return undefined;
      keys.push(new Headers(init?.headers).get('Idempotency-Key'));
      const refusal = refusals.shift();
      return refusal ? Promise.resolve(refusal) : undefined;
    });
    await press(button(SEND));
    await expect.element(page.getByRole('alert')).toHaveTextContent('Too many tries in a short time. Wait a minute, then try again.');
    await press(button('Try again'));
    await expect.element(page.getByRole('alert')).toHaveTextContent('We could not send your quote. Nothing was lost: try again.');
    await press(button(SEND));
    await expectStep('Thank you');
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
  }, 60_000);

  it('puts the server’s problem with an answer on the field that shows it, and a changed answer is a new submission', async () => {
    const { sessionToken } = await dealerSession({ household: true });
    mount({ 'session-token': sessionToken, 'api-base': apiBase });
    await chooseProgressive();
    await agree();
    const keys: (string | null)[] = [];
    interceptFetch((url, init) => {
      if (!isSubmission(url, init)) return undefined;
      keys.push(new Headers(init?.headers).get('Idempotency-Key'));
      return keys.length > 1
        ? undefined
        : Promise.resolve(
            jsonResponse(400, {
              error: {
                code: 'validation_failed',
                message: 'Some fields need attention',
                fields: { 'applicant.contact.email': ['Email must be an address like jane@example.com'] },
              },
            }),
          );
    });
    await press(button(SEND));
    // Back on the step with the email, its summary focused and the message on the input.
    await expect.poll(() => focused()?.classList.contains('error-summary')).toBe(true);
    await expect.element(page.getByRole('heading', { name: 'Contact and address' })).toBeVisible();
    await expect.element(field('Email')).toHaveAccessibleDescription('Email must be an address like jane@example.com');
    await userEvent.fill(field('Email'), 'maria.g@example.com');
    await press(button('Continue'));
    await expectStep('Review and get quotes');
    await press(button('Get my quotes'));
    await waitForAllQuotes();
    await press(button('Choose Progressive'));
    await expectStep('Your choice');
    // A new quote: the agreement is asked again.
    expect((field(CONSENT).element() as HTMLInputElement).checked).toBe(false);
    await agree();
    await press(button(SEND));
    await expectStep('Thank you');
    expect(keys).toHaveLength(2);
    expect(keys[1]).not.toBe(keys[0]);
  }, 60_000);

  it('shows the personalised offers link when it comes after the answer: the thank-you asks again with the session token', async () => {
    const { sessionToken } = await dealerSession({ household: true });
    mount({ 'session-token': sessionToken, 'api-base': apiBase });
    await chooseProgressive();
    await agree();
    // The answer comes before AutoComplete's link (a busy moment: it allows one request a second); the link comes later.
    const askedAgain: string[] = [];
    interceptFetch((url, init, real) => {
      if (url.includes('/v1/session/submissions/')) askedAgain.push(new Headers(init?.headers).get('Authorization') ?? '');
      if (!isSubmission(url, init)) return undefined;
      return real(url, init).then(async (response) => {
        const { flowUrl: _comesLater, ...answer } = await response.json();
        return jsonResponse(response.status, { ...answer, status: 'delivering', flowUrlPending: true });
      });
    });
    await press(button(SEND));
    await expectStep('Thank you');
    await expect.element(page.getByText('Your personal shopping page is being prepared: its link appears here in a moment.')).toBeVisible();
    const offers = page.getByRole('link', { name: 'See your personalised offers (opens in a new tab)' });
    await expect.element(offers, { timeout: 10_000 }).toBeVisible();
    expect(offers.element().getAttribute('href')).toMatch(/^https?:\/\/.+\/_flows\//);
    await expect.element(page.getByText('Your personal shopping page is being prepared', { exact: false })).not.toBeInTheDocument();
    // Asked with the session's own token, and no more once the link had come.
    expect(askedAgain.length).toBeGreaterThan(0);
    expect(askedAgain.every((auth) => auth === `Bearer ${sessionToken}`)).toBe(true);
    const asked = askedAgain.length;
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(askedAgain).toHaveLength(asked);
  }, 60_000);

  it('speaks Spanish on the confirmation and the thank-you', async () => {
    const { sessionToken } = await dealerSession({ household: true });
    mount({ 'session-token': sessionToken, 'api-base': apiBase, locale: 'es' });
    await press(button('Obtener cotizaciones'));
    for (const step of ['Contacto y dirección', 'Conductores', 'Vehículos', 'Cobertura']) {
      await expectStep(step);
      if (step === 'Cobertura') await expect.element(field(/^Lesiones corporales/)).toBeVisible();
      await press(button('Continuar'));
    }
    await press(button('Obtener mis cotizaciones'));
    await waitForAllQuotes();
    await press(button('Elegir Progressive'));
    await expectStep('Tu elección');
    await press(button('Enviar a Acme Motors'));
    await expect
      .element(field('Acepto que Acme Motors me contacte sobre esta cotización'))
      .toHaveAccessibleDescription('Marca esta casilla para enviar tu cotización: el concesionario necesita tu permiso para contactarte.');
    await userEvent.keyboard(' ');
    await press(button('Enviar a Acme Motors'));
    await expectStep('Gracias');
    await expect.element(page.getByRole('link', { name: 'Ver tus ofertas personalizadas (se abre en una pestaña nueva)' })).toBeVisible();
  }, 60_000);
});
