/**
 * A field says what is wrong with it when the shopper leaves it, in real
 * Chromium: an email the server would refuse four steps later ("jane@example")
 * is refused on the contact step as soon as focus moves on; fixing it clears
 * the message; an empty required field waits for Continue.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { button, cleanUp, expectStep, field, mount, press, sessionToken, tabTo } from './shopper.ts';

afterEach(cleanUp);

describe('a field left with a wrong value', () => {
  it('is refused when the shopper moves on, and cleared once it is right', async () => {
    mount({ 'session-token': await sessionToken('email'), 'api-base': inject('apiBase') });
    await press(button('Get quotes'));
    await expectStep('Contact and address');

    // Tabbing past an empty field says nothing yet.
    await tabTo(field('Email'));
    await userEvent.keyboard('{Tab}');
    await expect.element(field('Email')).not.toHaveAttribute('aria-invalid');

    await tabTo(field('Email'));
    await userEvent.keyboard('jane@example');
    await expect.element(field('Email')).not.toHaveAttribute('aria-invalid');
    await userEvent.keyboard('{Tab}');
    await expect.element(field('Email')).toHaveAttribute('aria-invalid', 'true');
    await expect.element(field('Email')).toHaveAccessibleDescription(/jane@example\.com/);
    // Still on the contact step: nothing was sent, no summary took focus.
    expect(page.getByRole('alert').elements()).toHaveLength(0);

    await tabTo(field('Email'));
    await userEvent.keyboard('{End}.com{Tab}');
    await expect.element(field('Email')).not.toHaveAttribute('aria-invalid');
    expect((field('Email').element() as HTMLInputElement).value).toBe('jane@example.com');
  });
});
