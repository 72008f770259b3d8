/**
 * How a test drives the widget the way a shopper does: through the keyboard
 * (Tab to a control, type, Enter), and reading what the page shows.
 */
import { expect, inject } from 'vitest';
import { type Locator, page, userEvent } from 'vitest/browser';
import type { WidgetEvent } from '../../../contract/index.ts';
import { garciaHousehold } from '../../helpers/applicants.ts';
import '../../../widget/coverkit.ts';
import type { CoverkitWidget } from '../../../widget/components/widget/coverkit-widget.component.ts';

export function mount(attributes: Record<string, string>): CoverkitWidget {
  const el = document.createElement('coverkit-widget') as CoverkitWidget;
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  document.body.append(el);
  return el;
}

/** Every coverkit-event the dealer page would hear. */
export function recordEvents(): WidgetEvent[] {
  const events: WidgetEvent[] = [];
  const listener = (e: Event) => events.push((e as CustomEvent<WidgetEvent>).detail);
  document.addEventListener('coverkit-event', listener);
  stops.push(() => document.removeEventListener('coverkit-event', listener));
  return events;
}
const stops: (() => void)[] = [];
export function cleanUp() {
  for (const stop of stops.splice(0)) stop();
  document.body.replaceChildren();
  forgetProgress();
}

/** What one test's widget kept for a reload (the remembered session, the history marker): the next test starts afresh. */
export function forgetProgress() {
  for (const key of Object.keys(localStorage)) if (key.startsWith('coverkit.')) localStorage.removeItem(key);
  if ((history.state as { coverkit?: unknown } | null)?.coverkit) history.replaceState(null, '');
}

const widget = () => document.querySelector('coverkit-widget') as CoverkitWidget;
export const root = () => widget().shadowRoot as ShadowRoot;
/** What has keyboard focus inside the widget. */
export const focused = () => root().activeElement as HTMLElement | null;

/** Presses Tab until `target` has focus: proves it is reachable by keyboard, in order. */
export async function tabTo(target: Locator, limit = 80) {
  const element = await target.findElement();
  for (let i = 0; i < limit; i++) {
    if (focused() === element) return;
    await userEvent.keyboard('{Tab}');
  }
  throw new Error(`Tab never reached ${target.selector}`);
}

/** Tabs to a field and types into it (a select picks the option whose label starts with the text). */
export async function type(target: Locator, text: string) {
  await tabTo(target);
  await userEvent.keyboard(text);
}

export async function press(button: Locator) {
  await tabTo(button);
  await userEvent.keyboard('{Enter}');
}

export const field = (label: string | RegExp) => page.getByLabelText(label, { exact: typeof label === 'string' });
export const button = (name: string | RegExp) => page.getByRole('button', { name, exact: typeof name === 'string' });

/** The step's heading has focus, so a screen reader starts reading the new step there. */
export async function expectStep(title: string | RegExp) {
  await expect.poll(() => focused()?.tagName).toBe('H2');
  expect(focused()?.textContent).toMatch(title);
}

/** Every control the shopper can reach has a label (its accessible name comes from a <label>). */
export function expectEveryControlLabelled() {
  for (const control of root().querySelectorAll<HTMLInputElement | HTMLSelectElement>('input, select')) {
    expect(control.labels?.length ?? 0, `${control.outerHTML} has no label`).toBeGreaterThan(0);
  }
}

/** Watches the quotes screen while it streams: what the status line said, and whether placeholders showed. */
export function watchQuotes() {
  const seen = { statuses: new Set<string>(), pending: false, carriers: new Set<string>() };
  const observer = new MutationObserver(() => {
    const status = root().querySelector('.quotes-status')?.textContent?.trim();
    if (status) seen.statuses.add(status);
    if (root().querySelector('.quote.pending')) seen.pending = true;
    for (const h of root().querySelectorAll('.quote h3')) seen.carriers.add(h.textContent ?? '');
  });
  observer.observe(root(), { subtree: true, childList: true, characterData: true });
  stops.push(() => observer.disconnect());
  return seen;
}

/** The quotes, in the order shown: carrier, status and the text of the card. */
export function quoteCards() {
  return [...root().querySelectorAll<HTMLElement>('.quote')].map((card) => ({
    carrier: card.querySelector('h3')?.textContent?.trim() ?? '',
    status: ['complete', 'pending', 'declined', 'error'].find((s) => card.classList.contains(s)),
    text: card.textContent?.replace(/\s+/g, ' ').trim() ?? '',
  }));
}

export async function waitForAllQuotes() {
  await expect.poll(() => root().querySelector('.quotes-status.done'), { timeout: 20_000 }).toBeTruthy();
}

/** From the greeting to the quotes, accepting every pre-filled answer with Continue. */
export async function continueThroughPrefill() {
  await press(button('Get quotes'));
  for (const step of ['Contact and address', 'Drivers', 'Vehicles', 'Coverage']) {
    await expectStep(step);
    if (step === 'Coverage') await expect.element(field(/^Bodily injury/)).toBeVisible();
    await press(button('Continue'));
  }
  await expectStep('Review and get quotes');
  await press(button('Get my quotes'));
  await expectStep('Your quotes');
}

/**
 * A session the dealer's backend made (secret key): `household` pre-fills the whole Garcia household.
 * `on: 'short-tokens'` makes it on the server whose tokens live 10 s.
 */
export async function dealerSession(
  body: { household?: boolean; prefill?: unknown } = {},
  { on }: { on?: 'short-tokens' } = {},
): Promise<{ sessionId: string; sessionToken: string }> {
  const response = await fetch(`${inject('dealerBackend')}${on ? `/${on}` : ''}/sessions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`no session: ${response.status} ${await response.text()}`);
  return response.json();
}

/**
 * A session of its own for one test, made as the dealer's backend makes one:
 * the whole Garcia household pre-filled, the household without its vehicles
 * and coverage, or only the email. Each test gets its own, because a session
 * keeps the shopper's progress: a widget on another test's session would open
 * where that test left off.
 */
export async function sessionToken(prefill: 'household' | 'household without vehicles' | 'email'): Promise<string> {
  const { vehicles: _vehicles, coverage: _coverage, ...withoutVehicles } = garciaHousehold();
  const body =
    prefill === 'household'
      ? { household: true }
      : { prefill: prefill === 'email' ? { contact: { email: 'jane@example.com' } } : withoutVehicles };
  return (await dealerSession(body)).sessionToken;
}

/** What the dealer's backend reads with its secret key: `/submissions/{id}` or `/submissions?since=…`. */
export async function dealerReads(path: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${inject('dealerBackend')}${path}`);
  return { status: response.status, body: await response.json() };
}

/** Waits until focus is on a heading (or error summary) whose text matches: the screen changed and a screen reader starts there. */
export async function expectFocusOn(text: string | RegExp, timeout = 15_000) {
  await expect.poll(() => focused()?.textContent?.replace(/\s+/g, ' ').trim() ?? '', { timeout }).toMatch(text);
}

/** Wraps window.fetch for one test: `handle` answers a request itself, or returns undefined to let it through. */
export function interceptFetch(handle: (url: string, init: RequestInit | undefined, real: typeof fetch) => Promise<Response> | undefined) {
  const real = window.fetch;
  window.fetch = (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    return handle(url, init, real) ?? real(input, init);
  };
  stops.push(() => {
    window.fetch = real;
  });
}

export const jsonResponse = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
