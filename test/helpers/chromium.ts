/** Debian's Chromium, launched the way that works on a machine with no outside network. */
export const chromiumPath = () => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * The port of the page origin browser tests run on (vitest's browser server),
 * which the test dealers allow-list. vitest.config.ts picks a free one per run
 * (so two runs at once never collide) and leaves it in the environment for the
 * global setup, which runs in the same process.
 */
export const browserTestPort = () => Number(process.env.COVERKIT_BROWSER_TEST_PORT);
