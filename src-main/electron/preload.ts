// Sandboxed preload: exposes exactly the contract as window.tongban. Bundled into one CommonJS
// file (electron.vite.config.ts) because a sandboxed preload cannot require app modules.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildTongbanApi } from './preload-api';

const api = buildTongbanApi({
  invoke: (channel, input) => ipcRenderer.invoke(channel, input),
  subscribe(channel, listener) {
    // Only the payload crosses: the IPC event object carries `sender`, i.e. ipcRenderer itself.
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, forward);
    return () => {
      ipcRenderer.removeListener(channel, forward);
    };
  },
});

contextBridge.exposeInMainWorld('tongban', api);
