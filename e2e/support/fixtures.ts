import { test as base, expect, type Page } from '@playwright/test';
import { watchConsole } from './console-guard';
import { startHost, type RunningHost } from './host';

interface Fixtures {
  /** Install Playwright's fake clock before the app loads (for idle-lock tests). */
  fakeClock: boolean;
  /** A fresh browser host with an empty data folder, for this test only. */
  host: RunningHost;
  /** The page, opened on the host's token URL. */
  app: Page;
}

export const test = base.extend<Fixtures>({
  fakeClock: [false, { option: true }],

  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form.
  host: async ({}, use) => {
    const host = await startHost();
    await use(host);
    await host.stop();
  },

  app: async ({ page, host, fakeClock }, use) => {
    const console = watchConsole(page);
    if (fakeClock) await page.clock.install();
    await page.goto(host.url);
    await use(page);
    expect(console.problems, 'the page logged errors or warnings').toEqual([]);
  },
});

export { expect };

/** Chromium's fake camera (a moving test pattern), its permission prompt answered yes: for specs that photograph documents. */
export const FAKE_CAMERA_ARGS = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];

/** `test`, in a browser launched with the fake camera (its own workers; other specs keep the plain browser). */
export const cameraTest = test.extend({
  launchOptions: [
    async ({ launchOptions }, use) =>
      use({ ...launchOptions, args: [...(launchOptions.args ?? []), ...FAKE_CAMERA_ARGS] }),
    { scope: 'worker' },
  ],
});
