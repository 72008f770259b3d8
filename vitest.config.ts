import { createServer } from 'node:net';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { CHROMIUM_ARGS, chromiumPath } from './test/helpers/chromium.ts';

/** A port free now: each run serves its browser tests on its own, so two runs at once never collide. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

export default defineConfig(async () => {
  process.env.COVERKIT_BROWSER_TEST_PORT ||= String(await freePort());
  const browserPort = Number(process.env.COVERKIT_BROWSER_TEST_PORT);
  return {
    test: {
      projects: [
        {
          test: {
            name: 'node',
            include: ['test/**/*.test.ts'],
            exclude: ['test/browser/**', 'test/e2e/**'],
            environment: 'node',
            // Bounds for a hung test, not speed checks: tests that start real processes take a while on a busy machine.
            testTimeout: 120_000,
            hookTimeout: 120_000,
          },
        },
        {
          // The demo page end to end: a real server, the built widget, Debian's Chromium through playwright-core.
          test: {
            name: 'e2e',
            include: ['test/e2e/**/*.test.ts'],
            environment: 'node',
            testTimeout: 90_000,
            hookTimeout: 120_000,
          },
        },
        {
          test: {
            name: 'browser',
            include: ['test/browser/**/*.test.ts'],
            globalSetup: ['test/browser/global-setup.ts'],
            testTimeout: 60_000,
            // How long a look at the page waits for what it expects. Only a failing test waits it out;
            // on a busy machine (two runs at once, CI) a step can take seconds to render.
            expect: { poll: { timeout: 10_000 } },
            browser: {
              // The test dealers allow-list this page origin (global-setup.ts reads the same variable).
              api: { port: browserPort, strictPort: true },
              enabled: true,
              headless: true,
              screenshotFailures: false,
              provider: playwright({ launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS } }),
              instances: [{ browser: 'chromium' as const }],
            },
          },
        },
      ],
    },
  };
});
