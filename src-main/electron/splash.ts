// While an old plaintext database is encrypted at start-up (in a worker thread, before the main window
// exists) a small window shows its steps (issue #17, item 8); it closes when the encryption ends.
import { join } from 'node:path';
import { BrowserWindow } from 'electron';
import type { ProgressEvent } from '@common/progress';
import { splashScript } from '../events/splash-script';
import type { EventBus } from '../events/event-bus';

/** Shows the encryption splash for `encryption` progress events on `events`; returns the unsubscribe. */
export function showEncryptionSplash(events: EventBus, resourcesDir: string): () => void {
  let splash: BrowserWindow | null = null;
  let loaded = false;
  let latest: ProgressEvent | null = null;
  const render = () => {
    if (!splash || !loaded || !latest) return;
    splash.webContents.executeJavaScript(splashScript(latest)).catch(() => undefined);
  };
  return events.subscribe((pushed) => {
    if (pushed.name !== 'progress') return;
    const event = pushed.payload as ProgressEvent;
    if (event.kind !== 'encryption') return;
    latest = event;
    if (!splash && event.phase === 'running') {
      splash = new BrowserWindow({
        width: 460,
        height: 220,
        resizable: false,
        minimizable: false,
        maximizable: false,
        closable: false, // closing it would not stop the encryption; the hint says to wait
        title: '跨省通办窗口',
        autoHideMenuBar: true,
        webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, devTools: false },
      });
      splash.webContents.once('did-finish-load', () => {
        loaded = true;
        render();
      });
      splash
        .loadFile(join(resourcesDir, 'splash', 'encrypting.html'))
        .catch((error: unknown) =>
          process.stderr.write(`tongban: encryption splash failed to load: ${String(error)}\n`),
        );
      return;
    }
    render();
    if (event.phase !== 'running' && splash) {
      const done = splash;
      splash = null;
      // A failure stays readable until start-up reports it (the error dialog); a success closes at once.
      setTimeout(() => done.destroy(), event.phase === 'failed' ? 10_000 : 300);
    }
  });
}
