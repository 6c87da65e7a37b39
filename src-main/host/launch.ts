// How `npm start` hands the one-time start address to Chromium without its command line (decision 0116).
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { RunningHost } from './server';

/** How long the launch page stays on disk (its token is spent on first use anyway). */
const LAUNCH_PAGE_LIFETIME_MS = 60_000;

/**
 * Writes `launch.html` (mode 0600, readable by this user only) into the data folder: a page that
 * navigates to `url` at once. Chromium is started on the file's path, so the token never appears in
 * the process list. The file is deleted after a minute and on exit.
 */
export function writeLaunchPage(dataDir: string, url: string): string {
  const file = join(dataDir, 'launch.html');
  const escaped = url.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  writeFileSync(
    file,
    `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><meta name="referrer" content="no-referrer">` +
      `<meta http-equiv="refresh" content="0;url=${escaped}"><title>跨省通办窗口</title><p>正在打开……</p></html>`,
    { mode: 0o600 },
  );
  const remove = () => rmSync(file, { force: true });
  setTimeout(remove, LAUNCH_PAGE_LIFETIME_MS).unref();
  process.once('exit', remove);
  return file;
}

/** In a terminal, each Enter prints a new one-time start address (the earlier unused one stops working). */
export function offerNewStartAddresses(host: RunningHost): void {
  if (!process.stdin.isTTY) return;
  process.stdout.write('按回车可取得新的一次性启动地址（每个地址只能打开一次）。\n');
  createInterface({ input: process.stdin }).on('line', () => {
    process.stdout.write(`tongban host: ${host.newStartUrl()}\n`);
  });
}
