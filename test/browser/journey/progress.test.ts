/**
 * Progress kept under the session, as two tabs of one shopper see it (two
 * widgets on one session): the later tab's save, based on what it saw before,
 * does not silently overwrite the first tab's answers; the shopper is told and
 * picks. A value the server refuses (a half-typed email) is left out of the
 * save and nothing else. (A reload, Back and Forward and Close on the demo
 * page: test/e2e/progress.test.ts.)
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { cleanUp, interceptFetch, mount, sessionToken } from './shopper.ts';

const apiBase = inject('apiBase');

afterEach(cleanUp);

/** The draft the server holds for the session, as the widget reads it. */
async function savedDraft(token: string): Promise<any> {
  const response = await fetch(`${apiBase}/v1/session/draft`, { headers: { Authorization: `Bearer ${token}` } });
  return response.status === 204 ? undefined : response.json();
}

/** A widget on the first step of the form, its street address typed and saved. */
async function onTheFirstStepWithAStreetSaved() {
  const token = await sessionToken('email');
  const widget = mount({ 'session-token': token, 'api-base': apiBase });
  const root = () => widget.shadowRoot as ShadowRoot;
  const control = (path: string) => root().querySelector<HTMLInputElement>(`[data-path="${path}"]`)!;
  await expect.poll(() => root().querySelector('button.primary')?.textContent).toBe('Get quotes');
  (root().querySelector('button.primary') as HTMLButtonElement).click();
  await expect.poll(() => root().querySelector('[data-path="address.line1"]')).toBeTruthy();
  await userEvent.fill(control('address.line1'), '4801 Red River St');
  await expect.poll(async () => (await savedDraft(token))?.answers?.address?.line1, { timeout: 5000 }).toBe('4801 Red River St');
  return { token, root, control };
}

/** Answers that reach the page only once released: the request went and was served, its answer is slow (a busy moment). */
function heldBack() {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    hold: async (response: Promise<Response>) => {
      const answered = await response;
      await released;
      return answered;
    },
    release: () => release(),
  };
}

describe('progress in two tabs', () => {
  it('tells the later tab its answers changed elsewhere, and shows those when the shopper asks', async () => {
    const token = await sessionToken('email');
    const first = mount({ 'session-token': token, 'api-base': apiBase });
    const second = mount({ 'session-token': token, 'api-base': apiBase });
    const within = (el: HTMLElement) => el.shadowRoot as ShadowRoot;
    await expect.poll(() => within(first).querySelector('button.primary')?.textContent).toBe('Get quotes');
    await expect.poll(() => within(second).querySelector('button.primary')?.textContent).toBe('Get quotes');

    // The first tab opens the form and gives a street address; it is saved.
    (within(first).querySelector('button.primary') as HTMLButtonElement).click();
    await expect.poll(() => within(first).querySelector('[data-path="address.line1"]')).toBeTruthy();
    const line1 = within(first).querySelector<HTMLInputElement>('[data-path="address.line1"]')!;
    await userEvent.fill(line1, '4801 Red River St');
    await expect.poll(async () => (await savedDraft(token))?.answers?.address?.line1, { timeout: 5000 }).toBe('4801 Red River St');

    // The second tab, opened before, goes on from what it saw: its save is refused, and it says so.
    (within(second).querySelector('button.primary') as HTMLButtonElement).click();
    await expect
      .poll(() => within(second).querySelector('[part~="changed-elsewhere"]')?.textContent)
      .toContain('Your answers were changed in another tab or window.');
    expect((await savedDraft(token)).answers.address.line1).toBe('4801 Red River St');
    const showThose = [...within(second).querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Show those answers')!;
    showThose.click();
    await expect.poll(() => within(second).querySelector<HTMLInputElement>('[data-path="address.line1"]')?.value).toBe('4801 Red River St');
    expect(within(second).querySelector('[part~="changed-elsewhere"]')).toBeNull();
  });

  it('keeps the answer given just before the page hides while the save before it is still on its way', async () => {
    const { token, root, control } = await onTheFirstStepWithAStreetSaved();

    // The next save reaches the server and is stored, but its answer is slow to come back (a busy moment).
    const answer = heldBack();
    let puts = 0;
    interceptFetch((url, init, real) =>
      url.endsWith('/v1/session/draft') && init?.method === 'PUT' && ++puts === 1 ? answer.hold(real(url, init)) : undefined,
    );
    await userEvent.fill(control('address.line1'), '4802 Red River St');
    await expect.poll(async () => (await savedDraft(token))?.answers?.address?.line1, { timeout: 5000 }).toBe('4802 Red River St');
    // One more answer, and the page hides (a reload) before that answer came: the save sent as it hides is kept.
    await userEvent.fill(control('address.line2'), 'Apt 4');
    window.dispatchEvent(new Event('pagehide'));
    await expect.poll(async () => (await savedDraft(token))?.answers?.address?.line2, { timeout: 5000 }).toBe('Apt 4');
    answer.release();
    // The page carries on (it came back from the cache): no other tab is imagined, and the next answer is saved on top.
    await userEvent.fill(control('contact.email'), 'maria.garcia@example.com');
    await expect.poll(async () => (await savedDraft(token))?.answers?.contact?.email, { timeout: 5000 }).toBe('maria.garcia@example.com');
    expect((await savedDraft(token)).answers.address).toMatchObject({ line1: '4802 Red River St', line2: 'Apt 4' });
    expect(root().querySelector('[part~="changed-elsewhere"]')).toBeNull();
  });

  it('does not take another tab’s answers over one given while it was asking for them', async () => {
    const { token, root, control } = await onTheFirstStepWithAStreetSaved();
    // The save's answer is in (the tab has nothing unsaved): another tab saves on top while this one is in the background.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const { revision } = await savedDraft(token);
    const elsewhere = await fetch(`${apiBase}/v1/session/draft`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ revision, step: 'contact', answers: { address: { line1: '1200 Barton Springs Rd' } } }),
    });
    expect(elsewhere.status).toBe(200);
    // This tab comes back into view and asks for the newer answers; they are slow to come, and meanwhile the shopper types.
    const answer = heldBack();
    let asked = 0;
    interceptFetch((url, init, real) =>
      url.endsWith('/v1/session/draft') && (init?.method ?? 'GET') === 'GET' && ++asked ? answer.hold(real(url, init)) : undefined,
    );
    document.dispatchEvent(new Event('visibilitychange'));
    await userEvent.fill(control('address.line2'), 'Apt 4');
    expect(asked).toBe(1);
    answer.release();
    // What the shopper typed stays; their save then meets the other tab's, and they are asked which to keep.
    await expect
      .poll(() => root().querySelector('[part~="changed-elsewhere"]')?.textContent, { timeout: 5000 })
      .toContain('Your answers were changed in another tab or window.');
    expect(control('address.line2').value).toBe('Apt 4');
    expect(control('address.line1').value).toBe('4801 Red River St');
  });

  it('keeps the other answers when one is not valid yet, and leaves the form as typed', async () => {
    const token = await sessionToken('email');
    const widget = mount({ 'session-token': token, 'api-base': apiBase });
    const root = () => widget.shadowRoot as ShadowRoot;
    await expect.poll(() => root().querySelector('button.primary')?.textContent).toBe('Get quotes');
    (root().querySelector('button.primary') as HTMLButtonElement).click();
    await expect.poll(() => root().querySelector('[data-path="contact.email"]')).toBeTruthy();
    await userEvent.fill(root().querySelector<HTMLInputElement>('[data-path="contact.email"]')!, 'jane@example');
    await userEvent.fill(root().querySelector<HTMLInputElement>('[data-path="address.line1"]')!, '4801 Red River St');
    await expect.poll(async () => (await savedDraft(token))?.answers?.address?.line1, { timeout: 5000 }).toBe('4801 Red River St');
    expect((await savedDraft(token)).answers.contact?.email).toBeUndefined();
    expect(root().querySelector<HTMLInputElement>('[data-path="contact.email"]')!.value).toBe('jane@example');
  });
});
