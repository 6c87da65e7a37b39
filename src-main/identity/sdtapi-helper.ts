// The sdtapi helper process: loads the vendor's standard reader library through koffi and runs the
// read sequence for the app. It lives in its own process so that a crash inside the vendor library
// cannot take the app down. Under Electron it runs as a utility process (messages through
// process.parentPort); in the browser host and in tests as a Node child process (process.send).
// The library must match the app's architecture (64-bit on Windows x64): there is no separate runtime.
//
// Usage: sdtapi-helper.js --library <sdtapi.dll|libsdtapi.so>
//        sdtapi-helper.js --fake-library <module>   (tests: a JS module with the same five functions)
import { createRequire } from 'node:module';
import {
  AUTO_PORTS,
  PHOTO_BYTES,
  SDT,
  TEXT_BYTES,
  type HelperMessage,
  type HelperRequest,
  type SdtLibrary,
} from './sdtapi-protocol';

/** Electron's process.parentPort in a utility process (typed here: only src-main/electron may import electron). */
interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}
const parentPort = (process as NodeJS.Process & { parentPort?: ParentPort }).parentPort;

class LibraryMissing extends Error {}

function arg(name: string): string | undefined {
  const args = process.argv.slice(2);
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

const send = (message: HelperMessage) => (parentPort ? parentPort.postMessage(message) : process.send?.(message));

function onRequest(handle: (request: HelperRequest) => void): void {
  if (parentPort) parentPort.on('message', (event) => handle(event.data as HelperRequest));
  else process.on('message', (request: HelperRequest) => handle(request));
}

function bindKoffi(libraryPath: string): SdtLibrary {
  const load = createRequire(__filename);
  let koffi: { load(path: string): { func(signature: string): (...args: unknown[]) => number } };
  try {
    // koffi is loaded lazily: installations without a chip reader library never need it.
    koffi = load('koffi') as typeof koffi;
  } catch {
    throw new LibraryMissing('koffi is not installed');
  }
  let lib: ReturnType<typeof koffi.load>;
  try {
    lib = koffi.load(libraryPath);
  } catch (err) {
    // The usual cause besides a wrong path: a 32-bit vendor library in the 64-bit app.
    throw new LibraryMissing(
      `cannot load ${libraryPath} (a ${process.arch} library is needed): ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  try {
    return {
      SDT_OpenPort: lib.func('int __stdcall SDT_OpenPort(int iPort)'),
      SDT_ClosePort: lib.func('int __stdcall SDT_ClosePort(int iPort)'),
      SDT_StartFindIDCard: lib.func('int __stdcall SDT_StartFindIDCard(int iPort, uint8_t *pucManaInfo, int iIfOpen)'),
      SDT_SelectIDCard: lib.func('int __stdcall SDT_SelectIDCard(int iPort, uint8_t *pucManaMsg, int iIfOpen)'),
      SDT_ReadBaseMsg: lib.func(
        'int __stdcall SDT_ReadBaseMsg(int iPort, uint8_t *pucCHMsg, _Out_ uint32_t *puiCHMsgLen, uint8_t *pucPHMsg, _Out_ uint32_t *puiPHMsgLen, int iIfOpen)',
      ),
    } as SdtLibrary;
  } catch (err) {
    throw new LibraryMissing(
      `${libraryPath} lacks the sdtapi functions: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

function loadLibrary(): SdtLibrary {
  const fake = arg('--fake-library');
  if (fake) return createRequire(__filename)(fake) as SdtLibrary;
  const libraryPath = arg('--library');
  if (!libraryPath) throw new LibraryMissing('no reader library configured');
  return bindKoffi(libraryPath);
}

let knownPort: number | null = null;

function openPort(lib: SdtLibrary, port: number | 'auto'): number | null {
  const candidates = port === 'auto' ? [...(knownPort ? [knownPort] : []), ...AUTO_PORTS] : [port];
  for (const p of candidates) {
    if (lib.SDT_OpenPort(p) === SDT.OK) {
      knownPort = p;
      return p;
    }
  }
  return null;
}

type Outcome =
  | Omit<Extract<HelperMessage, { type: 'result'; ok: true }>, 'type' | 'id'>
  | Omit<Extract<HelperMessage, { type: 'result'; ok: false }>, 'type' | 'id'>;

function run(lib: SdtLibrary, request: HelperRequest): Outcome {
  const port = openPort(lib, request.port);
  if (port === null)
    return {
      ok: false,
      code: 'reader-unavailable',
      message: `no reader on port ${request.port}`,
      reason: 'port-open-failed',
    };
  try {
    if (request.op === 'probe') return { ok: true, port };
    const mana = new Uint8Array(8);
    const found = lib.SDT_StartFindIDCard(port, mana, 0);
    if (found !== SDT.CARD_FOUND) return { ok: false, code: 'reader-no-card', message: 'no card found', status: found };
    const selected = lib.SDT_SelectIDCard(port, mana, 0);
    if (selected !== SDT.OK)
      return {
        ok: false,
        code: 'reader-error',
        message: 'card select failed',
        reason: 'select-failed',
        status: selected,
      };
    const text = new Uint8Array(TEXT_BYTES);
    const photo = new Uint8Array(PHOTO_BYTES);
    const textLen = [0];
    const photoLen = [0];
    const read = lib.SDT_ReadBaseMsg(port, text, textLen, photo, photoLen, 0);
    if (read !== SDT.OK)
      return { ok: false, code: 'reader-error', message: 'card read failed', reason: 'read-failed', status: read };
    const b64 = (bytes: Uint8Array, n: number | undefined) =>
      Buffer.from(bytes.subarray(0, Math.min(n ?? 0, bytes.length))).toString('base64');
    return { ok: true, port, text: b64(text, textLen[0]), photo: b64(photo, photoLen[0]) };
  } finally {
    lib.SDT_ClosePort(port);
  }
}

function main(): void {
  let lib: SdtLibrary;
  try {
    lib = loadLibrary();
  } catch (err) {
    send({ type: 'fatal', code: 'reader-library-missing', message: err instanceof Error ? err.message : String(err) });
    // A child process ends when the app lets go of it; the app ends a utility process.
    process.disconnect?.();
    return;
  }
  onRequest((request) => {
    try {
      send({ type: 'result', id: request.id, ...run(lib, request) });
    } catch (err) {
      send({
        type: 'result',
        id: request.id,
        ok: false,
        code: 'reader-error',
        message: err instanceof Error ? err.message : String(err),
        reason: 'library-threw',
      });
    }
  });
  // The app went away: nothing more to do (a utility process is ended with its parent by Electron).
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready' });
}

main();
