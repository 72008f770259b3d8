import { afterEach, describe, expect, inject, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { WidgetEvent } from '../../../contract/index.ts';
import '../../../widget/coverkit.ts';
import type { CoverkitWidget } from '../../../widget/components/widget/coverkit-widget.component.ts';
import { create } from '../../../widget/create.ts';
import { forgetProgress, sessionToken } from '../journey/shopper.ts';

const apiBase = inject('apiBase');

function mount(attributes: Record<string, string>): CoverkitWidget {
  const el = document.createElement('coverkit-widget') as CoverkitWidget;
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  document.body.append(el);
  return el;
}

afterEach(() => {
  document.body.replaceChildren();
  forgetProgress();
});

describe('<coverkit-widget>', () => {
  it('starts a public session from client-id on an allow-listed page and greets with the dealer name', async () => {
    const events: WidgetEvent[] = [];
    document.addEventListener('coverkit-event', (e) => events.push((e as CustomEvent<WidgetEvent>).detail));
    mount({ 'client-id': 'acme-motors', 'api-base': apiBase });
    await expect.element(page.getByRole('heading', { name: 'Insurance for your next car' })).toBeVisible();
    await expect.element(page.getByText('Offered by Acme Motors')).toBeVisible();
    await expect.element(page.getByRole('button', { name: 'Get quotes' })).toBeVisible();
    expect(events.map((e) => e.name)).toContain('open');
  });

  it('uses a session token made by the dealer backend', async () => {
    mount({ 'session-token': await sessionToken('email'), 'api-base': apiBase });
    await expect.element(page.getByText('Offered by Acme Motors')).toBeVisible();
  });

  it('offers only the journeys the dealer enabled', async () => {
    mount({ 'client-id': 'quote-only', 'api-base': apiBase });
    await expect.element(page.getByRole('button', { name: 'Get quotes' })).toBeVisible();
    expect(page.getByRole('button', { name: 'Use my current policy' }).elements()).toHaveLength(0);
  });

  it('speaks Spanish when asked', async () => {
    mount({ 'client-id': 'acme-motors', 'api-base': apiBase, locale: 'es' });
    await expect.element(page.getByText('Ofrecido por Acme Motors')).toBeVisible();
  });

  it('tells the shopper plainly when the page is not allowed, and reports the exit reason', async () => {
    mount({ 'client-id': 'unknown-dealer', 'api-base': apiBase });
    await expect.element(page.getByRole('alert')).toHaveTextContent('Insurance quotes are not available on this page.');
  });

  it('Coverkit.create mounts the widget and calls onExit with the step', async () => {
    const exits: unknown[] = [];
    const handle = create({ clientId: 'acme-motors', apiBase, onExit: (error, metadata) => exits.push({ error, metadata }) });
    handle.open();
    await expect.element(page.getByText('Offered by Acme Motors')).toBeVisible();
    handle.exit();
    expect(exits).toEqual([{ error: null, metadata: { sessionId: expect.stringMatching(/^ses_/), step: 'start' } }]);
  });

  it('Coverkit.create hands the page’s car and ZIP code to the widget', () => {
    const handle = create({ clientId: 'acme-motors', apiBase, vehicle: { vin: '2T3RWRFV3KW021971' }, postalCode: '78751' });
    expect(handle.element.vin).toBe('2T3RWRFV3KW021971');
    expect(handle.element.postalCode).toBe('78751');
    handle.destroy();
  });

  it('Coverkit.create({ display: "modal" }) opens over an inert page, keeps focus inside, and closes on Escape as Close does', async () => {
    const outside = document.createElement('button');
    outside.textContent = 'Dealer page button';
    document.body.append(outside);
    const exits: unknown[] = [];
    const handle = create({
      clientId: 'acme-motors',
      apiBase,
      display: 'modal',
      onExit: (error, metadata) => exits.push({ error, metadata }),
    });
    handle.open();
    handle.open();
    const dialog = page.getByRole('dialog', { name: 'Car insurance quotes' });
    await expect.element(dialog).toBeVisible();
    expect(document.querySelectorAll('dialog')).toHaveLength(1);
    expect(document.querySelectorAll('coverkit-widget')).toHaveLength(1);
    await expect.element(page.getByRole('button', { name: 'Get quotes' })).toBeVisible();

    // The page behind cannot be reached: Tab after Tab, focus never lands on it.
    const landed = new Set<Element | null>();
    for (let i = 0; i < 12; i++) {
      await userEvent.keyboard('{Tab}');
      landed.add(document.activeElement);
    }
    expect(landed.has(outside)).toBe(false);
    expect([...landed].some((el) => el === handle.element)).toBe(true);

    await userEvent.keyboard('{Escape}');
    await expect.element(dialog).not.toBeInTheDocument();
    expect((document.querySelector('dialog') as HTMLDialogElement).open).toBe(false);
    expect(exits).toEqual([{ error: null, metadata: { sessionId: expect.stringMatching(/^ses_/), step: 'start' } }]);

    // Opened again, it is the same widget, at its greeting.
    handle.open();
    await expect.element(dialog).toBeVisible();
    await expect.element(page.getByRole('button', { name: 'Get quotes' })).toBeVisible();

    // With answers given, Escape asks first, as Close does, and the dialog stays; Escape again keeps the answers.
    await page.getByRole('button', { name: 'Get quotes' }).click();
    await page.getByLabelText('Email', { exact: true }).fill('maria.garcia@example.com');
    await userEvent.keyboard('{Escape}');
    await expect.element(page.getByRole('alertdialog', { name: 'Close and discard your answers?' })).toBeVisible();
    await expect.element(dialog).toBeVisible();
    await userEvent.keyboard('{Escape}');
    await expect.element(page.getByRole('alertdialog')).not.toBeInTheDocument();
    await expect.element(dialog).toBeVisible();
    expect(exits).toHaveLength(1);

    // The browser holds a dialog open on Escape only once per tap or key: asked again with nothing in between,
    // it closes the dialog itself. The widget leaves then too (its answers kept), so the page still hears onExit.
    await userEvent.keyboard('{Escape}');
    await expect.poll(() => (document.querySelector('dialog') as HTMLDialogElement).open).toBe(false);
    await expect.poll(() => exits.length).toBe(2);

    // Close's own confirmation: Discard closes the dialog.
    handle.open();
    await page.getByRole('button', { name: 'Get quotes' }).click();
    await page.getByLabelText('Email', { exact: true }).fill('maria.garcia@example.com');
    await page.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: 'Discard my answers' }).click();
    await expect.element(dialog).not.toBeInTheDocument();
    expect(exits).toHaveLength(3);
    handle.destroy();
    expect(document.querySelector('dialog')).toBeNull();
  });
});
