import { dialog, type BrowserWindow } from 'electron';

import { unsentMessage, type Unsent } from './close-guard-text';

/**
 * Asks before the window closes while cases or 好差评/回访 records wait to be sent: they are safe on
 * this PC and go out at the next connection, but the clerk should know how many.
 */
export function guardCloseWithUnsent(window: BrowserWindow, unsent: () => Unsent): void {
  let confirmed = false;
  window.on('close', (event) => {
    if (confirmed) return;
    const message = unsentMessage(unsent());
    if (!message) return;
    const choice = dialog.showMessageBoxSync(window, {
      type: 'question',
      buttons: ['退出', '取消'],
      defaultId: 1,
      cancelId: 1,
      title: '跨省通办窗口',
      message: message.title,
      detail: message.detail,
    });
    if (choice === 0) confirmed = true;
    else event.preventDefault();
  });
}
