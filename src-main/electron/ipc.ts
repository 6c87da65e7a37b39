import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { App } from '../app/app';
import { COMMAND_NAMES } from '@common/contract';
import { commandChannel, eventChannel } from './ipc-channels';
import { callerIdOf, createCommandDispatcher, eventAudience, type SenderFacts } from './ipc-dispatch';
import { isAppUrl } from './window-options';

/** The contract bound to IPC; windows must be attached before their calls are accepted. */
export interface IpcBinding {
  attach(contents: WebContents): void;
  dispose(): void;
}

/** Binds every contract command to `tongban:cmd:<name>` and pushes bus events on `tongban:event:<name>`. */
export function bindContractToIpc(app: App): IpcBinding {
  const windows = new Map<number, WebContents>();
  const dispatch = createCommandDispatcher(app.call, app.services.log);
  let disposed = false;

  const senderFacts = (event: IpcMainInvokeEvent): SenderFacts => {
    const frame = event.senderFrame;
    return {
      webContentsId: event.sender.id,
      fromOurWindow: windows.get(event.sender.id) === event.sender,
      frame: frame === null ? null : { isMainFrame: frame.parent === null, url: frame.url },
    };
  };

  for (const name of COMMAND_NAMES) {
    ipcMain.handle(commandChannel(name), (event, input: unknown) => dispatch(name, senderFacts(event), input));
  }

  const unsubscribe = app.services.events.subscribe((pushed) => {
    for (const id of eventAudience(pushed.callerId, [...windows.keys()])) {
      const contents = windows.get(id);
      if (contents && !contents.isDestroyed() && isAppUrl(contents.getURL()))
        contents.send(eventChannel(pushed.name), pushed.payload);
    }
  });

  return {
    attach(contents) {
      const id = contents.id;
      windows.set(id, contents);
      contents.once('destroyed', () => {
        windows.delete(id);
        // A closed window signs its user out (and audits it) unless the whole app is shutting down.
        if (!disposed) app.services.auth.logout(callerIdOf(id));
      });
    },
    dispose() {
      disposed = true;
      unsubscribe();
      for (const name of COMMAND_NAMES) ipcMain.removeHandler(commandChannel(name));
      windows.clear();
    },
  };
}
