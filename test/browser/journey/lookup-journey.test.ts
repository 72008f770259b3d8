/**
 * "Find my quote or policy" in real Chromium against a real Coverkit server
 * and its PACE sandbox: found by number, found by email, not found (a wrong
 * date of birth reads exactly the same), too many tries, Spanish.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import {
  button,
  cleanUp,
  expectEveryControlLabelled,
  expectFocusOn,
  expectStep,
  field,
  interceptFetch,
  jsonResponse,
  mount,
  press,
  recordEvents,
  root,
  type,
} from './shopper.ts';

const apiBase = inject('apiBase');

afterEach(cleanUp);

const cardText = () =>
  [...root().querySelectorAll<HTMLElement>('.policy')].map((card) => card.textContent?.replace(/\s+/g, ' ').trim() ?? '');

async function openLookup(attributes: Record<string, string> = {}) {
  mount({ 'client-id': 'acme-motors', 'api-base': apiBase, ...attributes });
  await press(button(attributes.locale === 'es' ? 'Buscar mi cotización o póliza' : 'Find my quote or policy'));
}

describe('the lookup journey', () => {
  it('finds a quote by its number and the date of birth, and shows it', async () => {
    const events = recordEvents();
    await openLookup();
    await expectStep('Find your quote or policy');
    expectEveryControlLabelled();
    await type(field('Quote or policy number'), 'QPSSGA00001');
    await type(field('Date of birth'), '03051996');
    await press(button('Find'));
    await expectFocusOn('We found your quote or policy');
    const [quote] = cardText();
    expect(quote).toContain('Pleasantville Mutual · Auto');
    expect(quote).toContain('Policy numberQPSSGA00001');
    expect(quote).toContain('StatusNot in force');
    expect(quote).toContain('DriversDarth Vader');
    expect(quote).toContain('Vehicles1966 Ford Mustang');
    expect(quote).toContain('Bodily injury$25,000 / $50,000');
    expect(quote).toContain('Collision$1,000 deductible');
    expect(events.filter((e) => e.name === 'lookup_completed')).toEqual([expect.objectContaining({ step: 'lookup' })]);
    for (const event of events) expect(JSON.stringify(event)).not.toMatch(/QPSSGA|1996|Vader/i);

    // Another search starts from the form again.
    await press(button('Search again'));
    await expectStep('Find your quote or policy');
  });

  it('finds a policy by email, and its auto policy can pre-fill quotes', async () => {
    await openLookup();
    await userEvent.click(page.getByRole('radio', { name: 'My email' }));
    await type(field('Email'), 'sam.rivera@example.com');
    await type(field('Date of birth'), '04121988');
    await press(button('Find'));
    await expectFocusOn('We found 2 quotes or policies');
    expect(cardText().find((card) => card.includes('TFTX140000101-00'))).toContain('DriversSamantha Rivera, Marco Rivera');
    await press(button('Get quotes with these details (Pleasantville Mutual TFTX140000101-00)'));
    await expectStep('Contact and address');
    await expect.element(page.getByText('from your Pleasantville Mutual policy', { exact: false })).toBeVisible();
    // The contact step is the shopper's to fill; the drivers came from the policy.
    await userEvent.fill(field('Email'), 'sam.rivera@example.com');
    await userEvent.fill(field('Phone'), '5125550111');
    await userEvent.fill(field('Street address'), '1 Main St');
    await userEvent.fill(field('ZIP code'), '78701');
    await expect.element(field('City')).toHaveValue('Austin');
    await userEvent.selectOptions(field('Do you own or rent?'), 'own:home');
    await press(button('Continue'));
    await expectStep('Drivers');
    const names = page.getByLabelText('First name', { exact: true });
    await expect.element(names.nth(0)).toHaveValue('Samantha');
    await expect.element(names.nth(1)).toHaveValue('Marco');
    await expect.element(field('Relationship to you')).toHaveDisplayValue('Spouse');
  }, 30_000);

  it('says the same thing for no such record and for a wrong date of birth, and lets the shopper try again', async () => {
    const events = recordEvents();
    await openLookup();
    await type(field('Quote or policy number'), 'QPSSGA00001');
    await type(field('Date of birth'), '03061996');
    await press(button('Find'));
    const message = 'We found no quote or policy with these details. Check them and try again.';
    await expectFocusOn(message);
    await expect.element(page.getByRole('alert')).toHaveTextContent(message);
    expect(events.find((e) => e.name === 'error')).toMatchObject({ errorCode: 'not_found', step: 'lookup' });

    await userEvent.fill(field('Quote or policy number'), 'QZZZZZ99999');
    await press(button('Find'));
    await expect.element(page.getByRole('alert')).toHaveTextContent(message);
    expect(events.filter((e) => e.name === 'lookup_completed')).toHaveLength(0);
  });

  it('says plainly when there were too many tries', async () => {
    interceptFetch((url) =>
      url.endsWith('/v1/policy-lookups')
        ? Promise.resolve(
            jsonResponse(
              429,
              { error: { code: 'rate_limited', message: 'Too many lookups for these details; try again later' } },
              { 'Retry-After': '60' },
            ),
          )
        : undefined,
    );
    await openLookup();
    await type(field('Quote or policy number'), 'QPSSGA00001');
    await type(field('Date of birth'), '03051996');
    await press(button('Find'));
    await expectFocusOn('Too many tries in a short time. Wait a minute, then try again.');
  });

  it('checks the answers in the browser first and speaks Spanish', async () => {
    await openLookup({ locale: 'es' });
    await expectStep('Buscar tu cotización o póliza');
    await press(button('Buscar'));
    await expect.element(page.getByRole('alert')).toHaveTextContent('Revisa estas respuestas');
    await expect
      .element(field('Número de cotización o póliza'))
      .toHaveAccessibleDescription('Como aparece en tu cotización o póliza Responde esta pregunta.');
    await type(field('Número de cotización o póliza'), 'QPSSGA00001');
    await type(field('Fecha de nacimiento'), '03061996');
    await press(button('Buscar'));
    await expectFocusOn('No encontramos ninguna cotización o póliza con estos datos. Revísalos e inténtalo de nuevo.');
  });
});
