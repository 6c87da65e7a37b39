import type { Page } from '@playwright/test';

/**
 * Playwright's own probes: every screenshot (and any locator inside a frame) runs a helper script in
 * every frame, and Chromium refuses it in the document preview, a frame sandboxed without scripts on
 * purpose. The app itself never runs script there; this one message is the test tool's, not the app's.
 */
const TOOLING_NOISE =
  /^Blocked script execution in 'about:srcdoc' because the document's frame is sandboxed and the 'allow-scripts' permission is not set\.$/;

/** Collects uncaught page errors and console errors (antd reports misuse there) while a test runs. */
export function watchConsole(page: Page): { problems: string[] } {
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && TOOLING_NOISE.test(msg.text())) return;
    if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`console.${msg.type()}: ${msg.text()}`);
  });
  return { problems };
}
