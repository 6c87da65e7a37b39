import { dialog, type BrowserWindow } from 'electron';

import { unsentCasesMessage } from './close-guard-text';

/**
 * Asks before the window closes while cases wait to be sent: they are safe on this PC and go out
 * at the next connection, but the clerk should know how many.
 */
export function guardCloseWithUnsentCases(window: BrowserWindow, pendingCases: () => number): void {
  let confirmed = false;
  window.on('close', (event) => {
    const pending = pendingCases();
    if (confirmed || pending === 0) return;
    const message = unsentCasesMessage(pending);
    const choice = dialog.showMessageBoxSync(window, { type: 'question', buttons: ['退出', '取消'], defaultId: 1, cancelId: 1, title: '跨省通办窗口', message: message.title, detail: message.detail });
    if (choice === 0) confirmed = true;
    else event.preventDefault();
  });
}
