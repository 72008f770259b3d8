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
 * The page origin browser tests run on (vitest's browser server). Fixed, because
 * the test dealers allow-list it; kept here so vitest.config.ts need not import
 * the server to learn it.
 */
export const BROWSER_TEST_PORT = 63315;
