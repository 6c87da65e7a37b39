import { existsSync } from 'node:fs';
import { BrowserWindow, screen } from 'electron';
import type { Logger } from '../log/logger';
import type { ShellPaths } from './paths';
import { APP_ENTRY_URL, mainWindowOptions } from './window-options';

/**
 * Opens the main window on app://tongban, shown once the first paint is ready. DevTools exist
 * only in unpackaged runs: on a shared counter PC they would let anyone script the session.
 */
export function createMainWindow(paths: ShellPaths, opts: { devTools: boolean; log: Logger }): BrowserWindow {
  const icon = existsSync(paths.iconPath) ? paths.iconPath : undefined;
  const mainWindow = new BrowserWindow(
    mainWindowOptions(paths.preloadPath, {
      devTools: opts.devTools,
      workArea: screen.getPrimaryDisplay().workAreaSize,
      ...(icon ? { icon } : {}),
    }),
  );
  mainWindow.once('ready-to-show', () => mainWindow.show());
  mainWindow.webContents.on('render-process-gone', (_event, details) =>
    opts.log.error('renderer gone', { reason: details.reason, exitCode: details.exitCode }),
  );
  mainWindow.loadURL(APP_ENTRY_URL).catch((error: unknown) => opts.log.error('main window failed to load', { error }));
  return mainWindow;
}
