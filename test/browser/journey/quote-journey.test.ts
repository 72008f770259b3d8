/**
 * The quote journey in real Chromium against a real Coverkit server (its
 * sandbox vendors answer): a shopper on the keyboard alone, a dealer's
 * pre-fill, the server's field errors, VIN decoding, Spanish, choosing a
 * quote, and a stream that drops and resumes.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { addDays, usToday } from '../../../contract/primitives.ts';
import { withCheckDigit } from '../../../contract/vin.ts';
import {
  button,
  cleanUp,
  continueThroughPrefill,
  expectEveryControlLabelled,
  expectStep,
  field,
  focused,
  mount,
  press,
  quoteCards,
  recordEvents,
  root,
  sessionToken,
  tabTo,
  type,
  waitForAllQuotes,
  watchQuotes,
} from './shopper.ts';

const apiBase = inject('apiBase');

afterEach(cleanUp);

describe('the quote journey', () => {
  it('a shopper on the keyboard alone fills every step and watches quotes from both vendors stream in until all are in', async () => {
    const events = recordEvents();
    mount({ 'client-id': 'acme-motors', 'api-base': apiBase });
    await expect.element(button('Get quotes')).toBeVisible();
    await press(button('Get quotes'));

    await expectStep('Contact and address');
    expectEveryControlLabelled();
    await type(field('Email'), 'maria.garcia@example.com');
    await type(field('Phone'), '512-555-0147');
    await tabTo(field('Text me about my quotes'));
    await userEvent.keyboard(' ');
    await type(field('Street address'), '4801 Red River St');
    // The city and state are not asked until the ZIP code is in: then they fill in from it.
    await expect.element(field('City')).not.toBeInTheDocument();
    await type(field('ZIP code'), '78751');
    await expect.element(field('City')).toHaveValue('Austin');
    await expect.element(field('State')).toHaveDisplayValue('Texas');
    await type(field('Do you own or rent?'), 'Own a house');
    await press(button('Continue'));

    await expectStep('Drivers');
    await type(field('First name'), 'Maria');
    await type(field('Last name'), 'Garcia');
    await type(field('Date of birth'), '03141982');
    await type(field('Gender'), 'Female');
    await type(field('Marital status'), 'Married');
    await type(field('Education'), 'Master');
    await type(field('Employment'), 'Employed');
    await type(field('Industry'), 'Education');
    await type(field('Job title'), 'Teacher');
    expect((field('License state').element() as HTMLSelectElement).value).toBe('TX');
    // The dealer's AutoComplete link needs it: asked, and required.
    await type(field('Driver’s license number'), '12345678');
    await type(field('Age when first licensed'), '16');
    await press(button('Add a driver'));
    // Focus lands on the new driver, so the shopper carries on from there.
    await expect.poll(() => focused()?.textContent).toBe('Driver 2');
    const second = (label: string) => page.getByLabelText(label, { exact: true }).nth(1);
    await type(second('First name'), 'Luis');
    await type(second('Last name'), 'Garcia');
    await type(second('Date of birth'), '07021980');
    await type(second('Gender'), 'Male');
    await type(second('Marital status'), 'Married');
    await type(field('Relationship to you'), 'Spouse');
    await type(second('Education'), 'Bachelor');
    await type(second('Employment'), 'Retired');
    await type(second('Age when first licensed'), '17');
    expectEveryControlLabelled();
    await press(button('Continue'));

    await expectStep('Vehicles');
    await type(field('VIN (vehicle identification number)'), '2T3RWRFV3KW021971');
    await expect.element(page.getByText('Found: 2019 Toyota RAV4')).toBeVisible();
    await type(field('Do you own, finance or lease it?'), 'Finance');
    await type(field('Main use'), 'Driving');
    await type(field('Miles driven a year'), '12000');
    await type(field('Miles to work, one way'), '14');
    expect((field('Days a week driven to work').element() as HTMLInputElement).value).toBe('5');
    expectEveryControlLabelled();
    await press(button('Continue'));

    await expectStep('Coverage');
    await expect.element(field('Bodily injury (per person / per accident)')).toHaveDisplayValue('$100,000 / $300,000');
    await type(field('Insured without a break for'), '5');
    expectEveryControlLabelled();
    await press(button('Continue'));

    await expectStep('Review and get quotes');
    await expect.element(page.getByText('(512) 555-0147')).toBeVisible();
    const seen = watchQuotes();
    await press(button('Get my quotes'));

    await expectStep('Your quotes');
    await waitForAllQuotes();
    const cards = quoteCards();
    const carriers = cards.map((c) => c.carrier);
    // Both vendors: PACE's program and CoverHound's carriers.
    expect(carriers).toContain('Pleasantville Mutual');
    expect(cards.map((c) => c.text).join(' ')).not.toMatch(/sandbox/i);
    expect(carriers).toEqual(expect.arrayContaining(['Progressive', 'The General', 'Nationwide']));
    const priced = cards.filter((c) => c.status === 'complete');
    expect(priced.length).toBeGreaterThanOrEqual(5);
    // Every price names its term, what is due today, and the total both ways, for that one term.
    for (const card of priced)
      expect(card.text).toMatch(
        /\$\d[\d,]*\.\d\d a month (6|12)-month policy \$[\d,]+\.\d\d due today then \d+ monthly payments, \$[\d,]+\.\d\d in all or \$[\d,]+\.\d\d paid in full for \1 months/,
      );
    // Priced quotes first, then those that could not quote.
    expect(cards.findIndex((c) => c.status !== 'complete')).toBe(priced.length);
    expect(cards.find((c) => c.carrier === 'Acuity')).toMatchObject({
      status: 'declined',
      text: expect.stringContaining('Not offered: This insurer does not offer cover for these answers.'),
    });
    expect(cards.find((c) => c.carrier === 'Kemper')).toMatchObject({
      status: 'error',
      text: expect.stringContaining('No price right now: This insurer could not answer right now. Try again later.'),
    });
    // The insurer's own words are the dealer's, never the shopper's.
    expect(cards.map((c) => c.text).join(' ')).not.toMatch(/wish to quote|resolve shortly/);
    // It streamed: placeholders and "asking" first, then the done state.
    expect(seen.pending).toBe(true);
    expect([...seen.statuses].some((s) => s.startsWith('Asking insurers…'))).toBe(true);
    await expect.element(page.getByText(/^All quotes are in: \d+ of 14 insurers offered a price\.$/).first()).toBeVisible();
    // The live region says so too, politely.
    const live = root().querySelector('[aria-live="polite"]');
    await expect.poll(() => live?.textContent).toMatch(/All quotes are in/);

    const received = events.filter((e) => e.name === 'quote_received');
    expect(new Set(received.map((e) => e.vendor))).toEqual(new Set(['coverhound', 'pace']));
    expect(events.map((e) => e.name)).toEqual(expect.arrayContaining(['open', 'step_view', 'quotes_requested', 'quote_received']));
    for (const event of events) expect(JSON.stringify(event)).not.toMatch(/Maria|Garcia|maria|512|Red River/);
  }, 90_000);

  it('shows the dealer’s pre-fill on every step, and the shopper confirms it through to quotes', async () => {
    mount({ 'session-token': await sessionToken('household'), 'api-base': apiBase });
    await press(button('Get quotes'));
    await expectStep('Contact and address');
    await expect.element(page.getByText('Acme Motors filled in what it already knows about you.', { exact: false })).toBeVisible();
    await expect.element(field('Email')).toHaveValue('maria.garcia@example.com');
    await expect.element(field('Phone')).toHaveValue('(512) 555-0147');
    await expect.element(field('Street address')).toHaveValue('4801 Red River St');
    await expect.element(field('State')).toHaveDisplayValue('Texas');
    await expect.element(field('Do you own or rent?')).toHaveDisplayValue('Own a house');
    await press(button('Continue'));
    await expectStep('Drivers');
    const firstNames = page.getByLabelText('First name', { exact: true });
    await expect.element(firstNames.nth(0)).toHaveValue('Maria');
    await expect.element(firstNames.nth(1)).toHaveValue('Luis');
    await expect.element(page.getByLabelText('Job title', { exact: true }).nth(0)).toHaveValue('Teacher');
    await expect.element(field(/^Driver’s license number/)).toHaveValue('12345678');
    await expect.element(field('Relationship to you')).toHaveDisplayValue('Spouse');
    await press(button('Continue'));
    await expectStep('Vehicles');
    const vins = page.getByLabelText('VIN (vehicle identification number)');
    expect((vins.nth(0).element() as HTMLInputElement).value).toMatch(/^5YJ3E1EA.KF317000$/);
    expect((vins.nth(1).element() as HTMLInputElement).value).toMatch(/^1HGCV1F3.LA000001$/);
    await expect.element(page.getByLabelText('Main driver').nth(1)).toHaveDisplayValue('Luis Garcia');
    await press(button('Continue'));
    await expectStep('Coverage');
    await expect.element(field('Bodily injury (per person / per accident)')).toHaveDisplayValue('$100,000 / $300,000');
    await expect.element(page.getByLabelText('Comprehensive deductible (theft, weather, glass)').nth(1)).toHaveDisplayValue('$250');
    await expect.element(field('Insured without a break for')).toHaveDisplayValue('5 years');
    await press(button('Continue'));
    await expectStep('Review and get quotes');
    await press(button('Get my quotes'));
    await expectStep('Your quotes');
    await waitForAllQuotes();
    expect(quoteCards().filter((c) => c.status === 'complete').length).toBeGreaterThanOrEqual(5);
  }, 60_000);

  it('starts from the car the dealer page is selling and the ZIP it knows: the VIN is the first vehicle, decoded', async () => {
    mount({ 'client-id': 'acme-motors', 'api-base': apiBase, vin: ' 2t3rwrfv3kw021971 ', 'postal-code': '78751' });
    await press(button('Get quotes'));
    await expectStep('Contact and address');
    await expect.element(field('ZIP code')).toHaveValue('78751');
    await userEvent.fill(field('Email'), 'maria.garcia@example.com');
    await userEvent.fill(field('Phone'), '512-555-0147');
    await userEvent.fill(field('Street address'), '4801 Red River St');
    // The page's ZIP code placed the shopper: the city and state are filled in already.
    await expect.element(field('City')).toHaveValue('Austin');
    await expect.element(field('State')).toHaveDisplayValue('Texas');
    await userEvent.selectOptions(field('Do you own or rent?'), 'own:home');
    await press(button('Continue'));
    await expectStep('Drivers');
    await userEvent.fill(field('First name'), 'Maria');
    await userEvent.fill(field('Last name'), 'Garcia');
    await userEvent.fill(field('Date of birth'), '1982-03-14');
    await userEvent.selectOptions(field('Gender'), 'female');
    await userEvent.selectOptions(field('Marital status'), 'single');
    await userEvent.selectOptions(field('Education'), 'masters');
    await userEvent.selectOptions(field('Employment'), 'retired');
    await userEvent.fill(field('Driver’s license number'), '12345678');
    await userEvent.fill(field('Age when first licensed'), '16');
    await press(button('Continue'));
    await expectStep('Vehicles');
    await expect.element(field('VIN (vehicle identification number)')).toHaveValue('2T3RWRFV3KW021971');
    await expect.element(page.getByText('Found: 2019 Toyota RAV4')).toBeVisible();
    // The shopper confirms the page's car rather than types it: "Yes" is the answer until they say otherwise.
    await expect.element(page.getByRole('group', { name: 'Is this the car you are insuring?' })).toBeVisible();
    await expect.element(page.getByRole('radio', { name: 'Yes, this car' })).toBeChecked();
    expect((field('VIN (vehicle identification number)').element() as HTMLInputElement).readOnly).toBe(true);
    expect(page.getByRole('button', { name: 'Look up VIN' }).elements()).toHaveLength(0);
    // Another car: vehicle 1 is theirs to find, by VIN or from the lists.
    await userEvent.click(page.getByRole('radio', { name: 'No, another car' }));
    await expect.element(page.getByRole('radio', { name: 'By VIN' })).toBeVisible();
    await expect.element(field('VIN (vehicle identification number)')).toHaveValue('');
    expect((field('VIN (vehicle identification number)').element() as HTMLInputElement).readOnly).toBe(false);
    expect(page.getByText('Found: 2019 Toyota RAV4').elements()).toHaveLength(0);
    await type(field('VIN (vehicle identification number)'), '5YJ3E1EA7KF317000');
    await expect.element(page.getByRole('button', { name: 'Look up VIN' })).toBeVisible();
  }, 60_000);

  it('keeps the dealer’s vehicles when the session names them, whatever car the page shows', async () => {
    mount({ 'session-token': await sessionToken('household'), 'api-base': apiBase, vin: '2T3RWRFV3KW021971' });
    await press(button('Get quotes'));
    for (const step of ['Contact and address', 'Drivers']) {
      await expectStep(step);
      await press(button('Continue'));
    }
    await expectStep('Vehicles');
    const vins = page.getByLabelText('VIN (vehicle identification number)');
    expect((vins.nth(0).element() as HTMLInputElement).value).toMatch(/^5YJ3E1EA.KF317000$/);
    expect(vins.elements()).toHaveLength(2);
  }, 60_000);

  it('puts the server’s field errors on the input that owns them, step by step', async () => {
    mount({ 'session-token': await sessionToken('household'), 'api-base': apiBase });
    await press(button('Get quotes'));
    await expectStep('Contact and address');
    // The browser accepts both; only the server knows better (an email at most 254 characters, a name at most 50 letters).
    await userEvent.fill(field('Email'), `${'m'.repeat(250)}@example.com`);
    await press(button('Continue'));
    await expectStep('Drivers');
    await userEvent.fill(page.getByLabelText('First name', { exact: true }).nth(1), 'L'.repeat(51));
    await press(button('Continue'));
    await expectStep('Vehicles');
    await press(button('Continue'));
    await expectStep('Coverage');
    await expect.element(field(/^Bodily injury/)).toBeVisible();
    await press(button('Continue'));
    await press(button('Get my quotes'));

    // Back on the first step with a problem: the summary has focus and the email input carries the message.
    await expect.poll(() => focused()?.classList.contains('error-summary')).toBe(true);
    await expect.element(page.getByRole('heading', { name: 'Contact and address' })).toBeVisible();
    const email = field('Email');
    await expect.element(email).toHaveAttribute('aria-invalid', 'true');
    await expect.element(email).toHaveAccessibleDescription('Email must be at most 254 characters');
    await expect.element(page.getByRole('alert')).toHaveTextContent('Email — Email must be at most 254 characters');

    // Fixed, the error goes; the driver's problem waits on the drivers step, on the second driver's first name.
    await userEvent.fill(email, 'maria.garcia@example.com');
    await expect.element(email).not.toHaveAttribute('aria-invalid');
    await press(button('Continue'));
    // A step that opens with problems puts focus on their summary.
    await expect.poll(() => focused()?.classList.contains('error-summary')).toBe(true);
    await expect.element(page.getByRole('heading', { name: 'Drivers' })).toBeVisible();
    const luis = page.getByLabelText('First name', { exact: true }).nth(1);
    await expect.element(luis).toHaveAttribute('aria-invalid', 'true');
    await expect.element(luis).toHaveAccessibleDescription('First name must be at most 50 characters');
    await expect.element(page.getByLabelText('First name', { exact: true }).nth(0)).not.toHaveAttribute('aria-invalid');

    // Fixed too: Continue leads straight back to the review, and this time the quotes come.
    await userEvent.fill(luis, 'Luis');
    await press(button('Continue'));
    await expectStep('Review and get quotes');
    await press(button('Get my quotes'));
    await expectStep('Your quotes');
  }, 60_000);

  it('asks only what a vendor needs of this shopper: no home type for a renter, no industry for a retiree, the last policy’s end for someone not insured', async () => {
    mount({ 'session-token': await sessionToken('household'), 'api-base': apiBase });
    await press(button('Get quotes'));
    await expectStep('Contact and address');
    // CoverHound needs the type of an owned home only: renting is the whole answer.
    await userEvent.selectOptions(field('Do you own or rent?'), 'rent');
    expect([...(field('Do you own or rent?').element() as HTMLSelectElement).options].map((o) => o.text)).toContain('Own a condo');
    await press(button('Continue'));
    await expectStep('Drivers');
    // The industry is CoverHound's closed list, asked of an employed driver only.
    const industry = page.getByLabelText('Industry', { exact: true }).nth(0);
    expect([...(industry.element() as HTMLSelectElement).options].map((o) => o.value)).toContain('Art/Design/Media');
    await userEvent.selectOptions(page.getByLabelText('Employment', { exact: true }).nth(0), 'retired');
    await expect.poll(() => page.getByLabelText('Industry', { exact: true }).elements().length).toBe(1);
    await expect.poll(() => page.getByLabelText('Job title', { exact: true }).elements().length).toBe(1);
    await press(button('Continue'));
    await expectStep('Vehicles');
    await press(button('Continue'));
    await expectStep('Coverage');
    // One question for insured now and for how long; with none, CoverHound needs when the last policy ended.
    await expect.element(field('When your last policy ended')).not.toBeInTheDocument();
    await userEvent.selectOptions(field('Insured without a break for'), '0');
    await expect.element(field('When your last policy ended')).toBeVisible();
    await press(button('Continue'));
    await expect.poll(() => focused()?.classList.contains('error-summary')).toBe(true);
    await expect.element(field('When your last policy ended')).toHaveAccessibleDescription('Please answer this.');
    await userEvent.fill(field('When your last policy ended'), addDays(usToday(), -20));
    await press(button('Continue'));
    await expectStep('Review and get quotes');
    await expect.element(page.getByText('I have no car insurance now')).toBeVisible();
  }, 60_000);

  it('checks answers in the browser first, in the shopper’s words, and links each problem to its field', async () => {
    mount({ 'client-id': 'acme-motors', 'api-base': apiBase });
    await press(button('Get quotes'));
    await expectStep('Contact and address');
    await userEvent.fill(field('Phone'), '555-01');
    await userEvent.fill(field('ZIP code'), '7875');
    await press(button('Continue'));
    await expect.poll(() => focused()?.classList.contains('error-summary')).toBe(true);
    await expect.element(field('Phone')).toHaveAccessibleDescription('A US number, like (512) 555-0147 Enter 10 digits, area code first.');
    await expect.element(field('ZIP code')).toHaveAccessibleDescription('Your city and state fill in from it. 5 digits, like 78751');
    await expect.element(field('Email')).toHaveAccessibleDescription('Please answer this.');
    await userEvent.click(page.getByRole('button', { name: 'ZIP code — 5 digits, like 78751' }));
    expect(focused()?.id).toBe('f-address.postalCode');
  });

  it('decodes a VIN into year, make and model, says when it may be mistyped or will not be insured, and offers the lists', async () => {
    mount({ 'session-token': await sessionToken('household without vehicles'), 'api-base': apiBase });
    await press(button('Get quotes'));
    await press(button('Continue'));
    await expectStep('Drivers');
    await press(button('Continue'));
    await expectStep('Vehicles');
    // A typo in the check digit still decodes, with the insurer's warning.
    await userEvent.fill(field('VIN (vehicle identification number)'), '2t3rwrfv4kw021971');
    await expect.element(page.getByText('Found: 2019 Toyota RAV4 (4-cylinder | AWD)')).toBeVisible();
    await expect.element(page.getByText('The VIN’s check digit does not match: check it for a typo.')).toBeVisible();
    await expect.element(field('VIN (vehicle identification number)')).toHaveValue('2T3RWRFV4KW021971');
    // The lists show what the VIN said.
    await userEvent.click(page.getByRole('radio', { name: 'By year, make and model' }));
    await expect.element(field('Year')).toHaveDisplayValue('2019');
    await expect.element(field('Make')).toHaveDisplayValue('Toyota');
    await expect.element(field('Model')).toHaveDisplayValue('RAV4');
    await expect.element(page.getByLabelText('Body style')).toHaveDisplayValue('4-cylinder | AWD');
    // Choosing another model from the lists drops the VIN and the choices after it.
    await userEvent.selectOptions(field('Model'), 'Camry');
    await expect.element(page.getByLabelText('Body style')).toHaveDisplayValue('Choose…');
    await expect.element(page.getByText('Tip: adding the VIN gets you prices from more insurers.')).toBeVisible();

    // A VIN nobody knows is said so, in the shopper's words.
    await userEvent.click(page.getByRole('radio', { name: 'By VIN' }));
    await userEvent.fill(field('VIN (vehicle identification number)'), '1HGCM82633A004352');
    await expect.element(page.getByText('No vehicle is known for this VIN.', { exact: false })).toBeVisible();

    // A second vehicle the insurer will not write says so in plain words.
    await press(button('Add a vehicle'));
    const mustang = withCheckDigit('1FA6P8CF0K5100001');
    await userEvent.fill(page.getByLabelText('VIN (vehicle identification number)').nth(0), mustang);
    await expect.element(page.getByText('Pleasantville Mutual does not insure this vehicle', { exact: false })).toBeVisible();
    await expect.element(page.getByText(/Found: 2019 Ford Mustang/)).toBeVisible();
  }, 60_000);

  it('in a state the insurer’s lists do not cover, the shopper types the vehicle in and picks from standard coverage options', async () => {
    mount({ 'session-token': await sessionToken('household'), 'api-base': apiBase });
    await press(button('Get quotes'));
    await expectStep('Contact and address');
    await userEvent.selectOptions(field('State'), 'NY');
    await userEvent.fill(field('City'), 'New York');
    await userEvent.fill(field('ZIP code'), '10001');
    await press(button('Continue'));
    await expectStep('Drivers');
    await press(button('Continue'));
    await expectStep('Vehicles');
    await userEvent.click(page.getByRole('radio', { name: 'By year, make and model' }).nth(1));
    await expect.element(page.getByText('The vehicle lists are not available for your state.', { exact: false })).toBeVisible();
    await expect.element(field('Year')).toHaveValue(2020);
    await expect.element(field('Make')).toHaveValue('Honda');
    await expect.element(field('Model')).toHaveValue('Accord');
    await userEvent.fill(field('Model'), 'Civic');
    await press(button('Continue'));
    await expectStep('Coverage');
    await expect.element(page.getByText('These are standard options', { exact: false })).toBeVisible();
    await expect.element(field('Bodily injury (per person / per accident)')).toHaveDisplayValue('$100,000 / $300,000');
    await press(button('Continue'));
    await expectStep('Review and get quotes');
    await expect.element(page.getByText('2020 Honda Civic').first()).toBeVisible();
    await press(button('Get my quotes'));
    await waitForAllQuotes();
    // PACE's program says in plain words that it does not cover these answers; CoverHound's carriers still price it.
    expect(quoteCards().find((c) => c.carrier === 'Pleasantville Mutual')).toMatchObject({
      status: 'declined',
      text: expect.stringContaining('Not offered: This insurer does not offer cover for these answers.'),
    });
    expect(quoteCards().filter((c) => c.status === 'complete').length).toBeGreaterThanOrEqual(5);
  }, 60_000);

  it('speaks Spanish from the greeting to the quotes', async () => {
    mount({ 'session-token': await sessionToken('household'), 'api-base': apiBase, locale: 'es' });
    await press(button('Obtener cotizaciones'));
    await expectStep('Contacto y dirección');
    await expect.element(page.getByText('Paso 1 de 5')).toBeVisible();
    await userEvent.clear(field('Correo electrónico'));
    await press(button('Continuar'));
    await expect.element(page.getByRole('alert')).toHaveTextContent('Revisa estas respuestas');
    await expect.element(field('Correo electrónico')).toHaveAccessibleDescription('Responde esta pregunta.');
    await userEvent.fill(field('Correo electrónico'), 'maria.garcia@example.com');
    await press(button('Continuar'));
    await expectStep('Conductores');
    await expect.element(field('Estado civil').nth(0)).toHaveDisplayValue('Casado/a');
    await press(button('Continuar'));
    await expectStep('Vehículos');
    await press(button('Continuar'));
    await expectStep('Cobertura');
    await expect.element(field(/^Lesiones corporales/)).toBeVisible();
    await press(button('Continuar'));
    await expectStep('Revisar y cotizar');
    await press(button('Obtener mis cotizaciones'));
    await expectStep('Tus cotizaciones');
    await waitForAllQuotes();
    await expect.element(page.getByText(/^Ya llegaron todas las cotizaciones/).first()).toBeVisible();
    const priced = quoteCards().filter((c) => c.status === 'complete');
    expect(priced[0]?.text).toMatch(/\$\d[\d,]*\.\d\d al mes/);
    // Spanish shoppers read Spanish reasons, not the insurer's English.
    expect(quoteCards().find((c) => c.carrier === 'Acuity')?.text).toContain(
      'No ofrecido: Esta aseguradora no ofrece cobertura para estas respuestas.',
    );
    expect(quoteCards().find((c) => c.carrier === 'Kemper')?.text).toContain(
      'Sin precio por ahora: Esta aseguradora no pudo responder ahora. Inténtalo más tarde.',
    );
  }, 60_000);

  it('choosing a quote emits quote_selected with the vendor and carrier only, and confirms with the price and how to buy', async () => {
    const events = recordEvents();
    mount({ 'session-token': await sessionToken('household'), 'api-base': apiBase });
    await continueThroughPrefill();
    await waitForAllQuotes();
    const progressive = quoteCards().find((c) => c.carrier === 'Progressive');
    const monthly = /\$[\d,]+\.\d\d/.exec(progressive?.text ?? '')?.[0];
    await press(button('Choose Progressive'));
    await expectStep('Your choice');
    await expect.element(page.getByText('You chose Progressive.')).toBeVisible();
    await expect.element(page.getByText(`${monthly}`, { exact: true })).toBeVisible();
    const buy = page.getByRole('link', { name: 'Continue with Progressive (opens in a new tab)' });
    await expect.element(buy).toHaveAttribute('href', expect.stringMatching(/^http.*\/resume\//));
    await expect.element(page.getByRole('link', { name: /^\(\d{3}\) \d{3}-\d{4}$/ })).toBeVisible();

    const selected = events.filter((e) => e.name === 'quote_selected');
    expect(selected).toHaveLength(1);
    expect(Object.keys(selected[0] as object).sort()).toEqual(['carrierCode', 'name', 'step', 'timestamp', 'vendor']);
    expect(selected[0]).toMatchObject({ vendor: 'coverhound', carrierCode: 'PROGR', step: 'quotes' });
    // No success is reported until a submission exists.
    expect(events.map((e) => e.name)).not.toContain('submitted');

    await press(button('Back to quotes'));
    await expectStep('Your quotes');
    expect(quoteCards().length).toBe(14);
  }, 60_000);

  it('resumes the stream with Last-Event-ID when the connection drops, missing and repeating nothing', async () => {
    const realFetch = window.fetch;
    const lastEventIds: (string | null)[] = [];
    // The reconnection waits until the test has seen the shopper told about the drop: the notice is
    // shown while reconnecting, and on a busy machine a quick reconnect could end it before a look.
    let allowReconnect = () => {};
    const reconnectAllowed = new Promise<void>((resolve) => (allowReconnect = resolve));
    window.fetch = async (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (!url.endsWith('/stream')) return realFetch(input, init);
      lastEventIds.push(new Headers(init?.headers).get('Last-Event-ID'));
      if (lastEventIds.length > 1) await reconnectAllowed;
      const response = await realFetch(input, init);
      if (lastEventIds.length > 1) return response;
      return new Response(cutAfterEvents(response.body as ReadableStream<Uint8Array>, 3), {
        status: response.status,
        headers: response.headers,
      });
    };
    try {
      mount({ 'session-token': await sessionToken('household'), 'api-base': apiBase });
      await continueThroughPrefill();
      await expect.element(page.getByText('The connection dropped. Reconnecting…')).toBeVisible();
      allowReconnect();
      await waitForAllQuotes();
      expect(lastEventIds).toHaveLength(2);
      expect(lastEventIds[0]).toBeNull();
      expect(lastEventIds[1]).toMatch(/^\d+$/);
      const carriers = quoteCards().map((c) => c.carrier);
      expect(carriers).toHaveLength(14);
      expect(new Set(carriers).size).toBe(14);
      expect(quoteCards().filter((c) => c.status === 'pending')).toHaveLength(0);
    } finally {
      window.fetch = realFetch;
    }
  }, 60_000);

  it('fits a 320 px wide phone on every step', async () => {
    await page.viewport(320, 640);
    try {
      mount({ 'session-token': await sessionToken('household'), 'api-base': apiBase });
      await press(button('Get quotes'));
      for (const step of ['Contact and address', 'Drivers', 'Vehicles', 'Coverage']) {
        await expectStep(step);
        if (step === 'Coverage') await expect.element(field(/^Bodily injury/)).toBeVisible();
        expect(document.documentElement.scrollWidth).toBeLessThanOrEqual(320);
        await press(button('Continue'));
      }
      await expectStep('Review and get quotes');
      expect(document.documentElement.scrollWidth).toBeLessThanOrEqual(320);
      await press(button('Get my quotes'));
      await waitForAllQuotes();
      expect(document.documentElement.scrollWidth).toBeLessThanOrEqual(320);
    } finally {
      await page.viewport(414, 896);
    }
  }, 60_000);
});

/** Passes the first `count` events through, then fails like a dropped connection. */
function cutAfterEvents(body: ReadableStream<Uint8Array>, count: number): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let text = '';
  return new ReadableStream({
    // Reads on until `count` events are in: a pull that returned having enqueued nothing would not be called
    // again, and on a busy machine the first chunk can hold fewer events than that.
    async pull(controller) {
      let events: string[] = [];
      while (events.length < count) {
        const { value, done } = await reader.read();
        if (done) return controller.close();
        text += decoder.decode(value, { stream: true });
        events = text.split('\n\n').filter((block) => /^id:/m.test(block));
      }
      const upTo = text.indexOf(events[count - 1] as string) + (events[count - 1] as string).length + 2;
      controller.enqueue(encoder.encode(text.slice(0, upTo)));
      await reader.cancel();
      controller.error(new TypeError('network error'));
    },
  });
}
