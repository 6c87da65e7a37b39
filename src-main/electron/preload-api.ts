// Pure: builds window.tongban from the contract over an abstract transport, so the preload
// (preload.ts) is only the Electron wiring and this part is tested without Electron.
import {
  COMMAND_NAMES,
  events,
  type CommandInput,
  type EventName,
  type EventPayload,
  type TongbanApi,
} from '@common/contract';
import { commandChannel, eventChannel } from './ipc-channels';

/** What the preload needs from ipcRenderer; listeners receive the payload only, never the IPC event. */
export interface PreloadTransport {
  invoke(channel: string, input: unknown): Promise<unknown>;
  subscribe(channel: string, listener: (payload: unknown) => void): () => void;
}

/** The renderer's API: one function per declared command and `on` for declared events only. */
export function buildTongbanApi(transport: PreloadTransport): TongbanApi {
  const entries = COMMAND_NAMES.map((name) => [
    name,
    (input: CommandInput<typeof name>) => transport.invoke(commandChannel(name), input),
  ]);
  // Object.fromEntries loses the per-name types; every entry above comes from the contract's own list.
  const commands = Object.fromEntries(entries) as TongbanApi['commands'];

  function on<K extends EventName>(event: K, listener: (payload: EventPayload<K>) => void): () => void {
    if (typeof event !== 'string' || !Object.hasOwn(events, event)) throw new Error(`unknown event: ${String(event)}`);
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    // The main process sends only declared payloads on this channel (ipc.ts).
    return transport.subscribe(eventChannel(event), (payload) => listener(payload as EventPayload<K>));
  }

  return { commands, on } satisfies TongbanApi;
}
