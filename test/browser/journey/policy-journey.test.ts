/**
 * "Use my current policy" in real Chromium against a real Coverkit server and
 * its Trellis sandbox: signing in, reading the policies while the insurer is
 * still gathering them, none, a refused login, and a quote pre-filled from the
 * auto policy that is submitted with the connection.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { SuccessPayload } from '../../../contract/index.ts';
import {
  button,
  cleanUp,
  dealerReads,
  dealerSession,
  expectEveryControlLabelled,
  expectFocusOn,
  expectStep,
  field,
  focused,
  interceptFetch,
  mount,
  press,
  recordEvents,
  root,
  tabTo,
  type,
  waitForAllQuotes,
} from './shopper.ts';

const apiBase = inject('apiBase');

afterEach(cleanUp);

/** From the greeting to the sign-in form, then signs in. */
async function signIn(username: string, password: string, insurer = 'GEICO') {
  await press(button('Use my current policy'));
  await expectStep('Use your current policy');
  await type(field('Insurer'), insurer);
  await type(field('Username'), username);
  await type(field('Password'), password);
  await press(button('Connect'));
}

/** On the drivers step after John Smith's GEICO policy filled it: what a policy does not say, then Continue. */
async function answerWhatThePolicyDoesNotSay() {
  await type(field('Gender'), 'Male');
  await type(field('Marital status'), 'Single');
  await type(field('Education'), 'Bachelor');
  await type(field('Employment'), 'Retired');
  // The dealer's AutoComplete link needs the applicant's license number; the policy may not say it.
  if (!(field('Driver’s license number').element() as HTMLInputElement).value) await type(field('Driver’s license number'), 'S1234567');
  await type(field('Age when first licensed'), '17');
  await press(button('Continue'));
}

const cardText = () =>
  [...root().querySelectorAll<HTMLElement>('.policy')].map((card) => card.textContent?.replace(/\s+/g, ' ').trim() ?? '');

describe('the policy journey', () => {
  it('signs in to the insurer, shows that the policies are being read, and shows them once they are ready', async () => {
    const events = recordEvents();
    const polls: number[] = [];
    const times: number[] = [];
    interceptFetch((url, init, real) => {
      if (!/\/v1\/connections\/[^/]+\/policies$/.test(url)) return undefined;
      times.push(performance.now());
      return real(url, init).then((response) => {
        polls.push(response.status);
        return response;
      });
    });
    mount({ 'client-id': 'acme-motors', 'api-base': apiBase });
    await press(button('Use my current policy'));
    await expectStep('Use your current policy');
    expectEveryControlLabelled();
    const password = field('Password').element() as HTMLInputElement;
    expect(password.type).toBe('password');
    expect(password.autocomplete).toBe('off');
    expect((field('Username').element() as HTMLInputElement).autocomplete).toBe('off');
    await type(field('Insurer'), 'GEICO');
    await type(field('Username'), 'user_good');
    await type(field('Password'), 'pass_good');
    await press(button('Connect'));

    await expectFocusOn('Reading your policies');
    await expect.element(page.getByText('GEICO is sending your policies. This can take up to a minute.')).toBeVisible();
    await expectFocusOn('Your policies with GEICO');
    // The insurer was still gathering them at first: asked again after Retry-After, until ready.
    expect(polls[0]).toBe(202);
    expect(polls.at(-1)).toBe(200);
    // Retry-After: 2 was honoured between asks.
    for (let i = 1; i < times.length; i++) expect((times[i] as number) - (times[i - 1] as number)).toBeGreaterThanOrEqual(1900);

    const [auto, home] = cardText();
    expect(auto).toContain('GEICO · Auto');
    expect(auto).toContain('Policy number5232-11-255-22');
    expect(auto).toContain('StatusActive');
    expect(auto).toContain('DriversJohn Smith');
    expect(auto).toContain('Vehicles2015 BMW 228XI 2D 4X4VIN WBA2F7C55FVX55555');
    expect(auto).toMatch(/Dates[A-Z][a-z]{2} \d+, \d{4} to [A-Z][a-z]{2} \d+, \d{4}/);
    expect(auto).toContain('Premium$942.00');
    expect(auto).toContain('Bodily injury$200 / $400, $10 deductible');
    expect(home).toContain('Allstate · Home');
    await expect.element(button('Get quotes with these details (GEICO 5232-11-255-22)')).toBeVisible();
    expect(root().querySelectorAll('.policy button')).toHaveLength(1);

    // policy_connected once; neither the login nor the policy anywhere in the events.
    expect(events.filter((e) => e.name === 'policy_connected')).toHaveLength(1);
    for (const event of events) expect(JSON.stringify(event)).not.toMatch(/user_good|pass_good|John|5232|geico/i);
    expect(root().innerHTML).not.toContain('pass_good');
  }, 30_000);

  it('says so when the insurer holds no policies for the login, and offers quotes instead', async () => {
    mount({ 'client-id': 'acme-motors', 'api-base': apiBase });
    await signIn('user_none', 'pass_good', 'Progressive');
    await expectFocusOn('No policies found');
    await expect.element(page.getByText('Progressive has no policies for this sign-in.', { exact: false })).toBeVisible();
    await press(button('Get quotes'));
    await expectStep('Contact and address');
  }, 30_000);

  it('a refused login is said on the password, which is emptied; nothing is connected', async () => {
    const events = recordEvents();
    mount({ 'client-id': 'acme-motors', 'api-base': apiBase });
    await signIn('user_good', 'not-the-password');
    await expect.poll(() => focused()?.classList.contains('error-summary')).toBe(true);
    const password = field('Password');
    await expect.element(password).toHaveAttribute('aria-invalid', 'true');
    await expect
      .element(password)
      .toHaveAccessibleDescription('Your insurer did not accept this username and password. Check them and try again.');
    await expect.element(password).toHaveValue('');
    await expect.element(field('Username')).toHaveValue('user_good');
    // The summary links the problem to its field.
    await userEvent.click(
      page.getByRole('button', { name: 'Password — Your insurer did not accept this username and password. Check them and try again.' }),
    );
    expect(focused()?.id).toBe('f-password');
    expect(events.map((e) => e.name)).not.toContain('policy_connected');
    expect(events.find((e) => e.name === 'error')).toMatchObject({ errorCode: 'validation_failed', step: 'connect' });
    for (const event of events) expect(JSON.stringify(event)).not.toContain('not-the-password');

    // Typed again, it goes through.
    await type(password, 'pass_good');
    await expect.element(password).not.toHaveAttribute('aria-invalid');
    await press(button('Connect'));
    await expectFocusOn('Your policies with GEICO');
  }, 30_000);

  it('speaks Spanish', async () => {
    mount({ 'client-id': 'acme-motors', 'api-base': apiBase, locale: 'es' });
    await press(button('Usar mi póliza actual'));
    await expectStep('Usar tu póliza actual');
    await type(field('Aseguradora'), 'State');
    await type(field('Usuario'), 'user_good');
    await type(field('Contraseña'), 'nope');
    await press(button('Conectar'));
    await expect
      .element(field('Contraseña'))
      .toHaveAccessibleDescription('Tu aseguradora no aceptó este usuario y contraseña. Revísalos e inténtalo de nuevo.');
  }, 30_000);

  it('“Get quotes with these details” pre-fills the quote journey from the auto policy, and the submission carries the connection', async () => {
    // The dealer knows where the shopper lives; the policy knows the drivers, the car and the cover.
    const { sessionToken } = await dealerSession({
      prefill: {
        contact: { email: 'john.smith@example.com', phone: '+15125550188' },
        address: { line1: '1100 Congress Ave', city: 'Austin', state: 'TX', postalCode: '78701' },
        residence: { ownership: 'rent', type: 'apartment' },
      },
    });
    const successes: SuccessPayload[] = [];
    document.addEventListener('coverkit-success', (e) => successes.push((e as CustomEvent<SuccessPayload>).detail));
    mount({ 'session-token': sessionToken, 'api-base': apiBase });
    await signIn('user_good', 'pass_good');
    await expectFocusOn('Your policies with GEICO', 15_000);
    await press(button('Get quotes with these details (GEICO 5232-11-255-22)'));

    await expectStep('Contact and address');
    await expect
      .element(page.getByText('We filled in your drivers, vehicles and coverage from your GEICO policy.', { exact: false }))
      .toBeVisible();
    await expect.element(field('Email')).toHaveValue('john.smith@example.com');
    await press(button('Continue'));

    await expectStep('Drivers');
    await expect.element(field('First name')).toHaveValue('John');
    await expect.element(field('Last name')).toHaveValue('Smith');
    await expect.element(field('Date of birth')).toHaveValue('1985-08-29');
    await expect.element(field('License state')).toHaveDisplayValue('Massachusetts');
    await answerWhatThePolicyDoesNotSay();

    await expectStep('Vehicles');
    await expect.element(field('VIN (vehicle identification number)')).toHaveValue('WBA2F7C55FVX55555');
    await type(field('Do you own, finance or lease it?'), 'Own');
    await type(field('Main use'), 'Personal');
    await type(field('Miles driven a year'), '8000');
    await press(button('Continue'));

    // The policy's limits are the defaults: $200 / $400 is not offered in Texas, so the nearest is chosen, and said.
    await expectStep('Coverage');
    await expect.element(field('Bodily injury (per person / per accident)')).toHaveDisplayValue('$30,000 / $60,000');
    await expect.element(page.getByText('Some of your current limits are not offered for your state', { exact: false })).toBeVisible();
    // The policy says the shopper is insured now (with GEICO): only how long is asked.
    await type(field('Insured without a break for'), '3 years');
    await press(button('Continue'));

    await expectStep('Review and get quotes');
    await expect.element(page.getByText('2015 BMW 228XI 2D 4X4').first()).toBeVisible();
    await press(button('Get my quotes'));
    await waitForAllQuotes();
    await press(page.getByRole('button', { name: /^Choose / }).first());
    await expectStep('Your choice');
    await tabTo(field('I agree to be contacted by Acme Motors about this quote'));
    await userEvent.keyboard(' ');
    await press(button('Send to Acme Motors'));
    await expectStep('Thank you');

    const read = await dealerReads(`/submissions/${successes[0]?.submissionId}`);
    expect(read.body.body).toMatchObject({
      connectionId: expect.stringMatching(/^con_/),
      applicant: {
        drivers: [{ firstName: 'John', lastName: 'Smith', dateOfBirth: '1985-08-29', relationship: 'self', license: { state: 'MA' } }],
        vehicles: [{ vin: 'WBA2F7C55FVX55555', year: 2015, make: 'BMW', model: '228XI 2D 4X4' }],
        coverage: { bodilyInjuryCents: { perPerson: 3_000_000, perAccident: 6_000_000 } },
        priorInsurance: { carrier: 'GEICO', monthsInsured: 36, bodilyInjuryLimitsCents: { perPerson: 20_000, perAccident: 40_000 } },
      },
    });
  }, 60_000);

  it('keeps the car on the dealer’s page as the first vehicle when a policy fills the answers, the policy’s car after it to remove', async () => {
    const { sessionToken } = await dealerSession({
      prefill: {
        contact: { email: 'john.smith@example.com', phone: '+15125550188' },
        address: { line1: '1100 Congress Ave', city: 'Austin', state: 'TX', postalCode: '78701' },
        residence: { ownership: 'rent', type: 'apartment' },
      },
    });
    mount({ 'session-token': sessionToken, 'api-base': apiBase, vin: '2T3RWRFV3KW021971' });
    await signIn('user_good', 'pass_good');
    await expectFocusOn('Your policies with GEICO', 15_000);
    await press(button('Get quotes with these details (GEICO 5232-11-255-22)'));
    await expectStep('Contact and address');
    await press(button('Continue'));
    await expectStep('Drivers');
    await answerWhatThePolicyDoesNotSay();

    await expectStep('Vehicles');
    const vins = () => [...root().querySelectorAll<HTMLInputElement>('input[id$=".vin"]')].map((i) => i.value);
    expect(vins()).toEqual(['2T3RWRFV3KW021971', 'WBA2F7C55FVX55555']);
    await expect.element(page.getByText('Found: 2019 Toyota RAV4', { exact: false }).first()).toBeVisible();
    await expect
      .element(
        page.getByText('Vehicle 1 is the car on this page. The others are from your GEICO policy: remove any you will not insure.', {
          exact: false,
        }),
      )
      .toBeVisible();
    // The page's car cannot be removed; the policy's can.
    expect(root().querySelectorAll('[part~="remove-button"]')).toHaveLength(1);
    await press(button('Remove Vehicle 2'));
    await expect.poll(vins).toEqual(['2T3RWRFV3KW021971']);
  }, 60_000);
});
