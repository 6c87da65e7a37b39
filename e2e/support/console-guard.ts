import type { Page } from '@playwright/test';

/** Collects uncaught page errors and console errors (antd reports misuse there) while a test runs. */
export function watchConsole(page: Page): { problems: string[] } {
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`console.${msg.type()}: ${msg.text()}`);
  });
  return { problems };
}
