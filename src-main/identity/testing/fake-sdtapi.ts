// Test support: a faithful fake of the standard reader library (sdtapi), loaded by sdtapi-helper with
// --fake-library. Same five functions, same return codes, byte buffers filled like the real ones.
// The card on the reader and the faults come from a JSON scenario file (env TONGBAN_FAKE_SDTAPI),
// re-read on every "find card", so a test changes the reader between reads by rewriting the file.
import { readFileSync } from 'node:fs';
import { SDT, type SdtLibrary } from '../sdtapi-protocol';

/** What the fake reader holds: ports that answer, the card and its placement count, a fault. */
export interface FakeScenario {
  ports: number[];
  /** Bumped each time the card is put on the reader: a card already read is found again only after a new placement. */
  placement: number;
  card: { text: string; photo: string } | null;
  fault: 'none' | 'crash-mid-read' | 'exit-mid-read' | 'hang-mid-read' | 'read-failed';
}

/** Environment variable naming the scenario file. */
export const SCENARIO_ENV = 'TONGBAN_FAKE_SDTAPI';

const open = new Set<number>();
let found: { placement: number } | null = null;
let lastReadPlacement = -1;

function scenario(): FakeScenario {
  const file = process.env[SCENARIO_ENV];
  if (!file) throw new Error(`${SCENARIO_ENV} is not set`);
  return JSON.parse(readFileSync(file, 'utf8')) as FakeScenario;
}

export const SDT_OpenPort: SdtLibrary['SDT_OpenPort'] = (port) => {
  if (!scenario().ports.includes(port)) return SDT.PORT_OPEN_FAILED;
  open.add(port);
  return SDT.OK;
};

export const SDT_ClosePort: SdtLibrary['SDT_ClosePort'] = (port) => {
  open.delete(port);
  found = null;
  return SDT.OK;
};

export const SDT_StartFindIDCard: SdtLibrary['SDT_StartFindIDCard'] = (port, manaInfo) => {
  const s = scenario();
  found = null;
  if (!open.has(port) || !s.card || s.placement === lastReadPlacement) return SDT.FIND_FAILED;
  manaInfo.fill(0, 0, 4);
  found = { placement: s.placement };
  return SDT.CARD_FOUND;
};

export const SDT_SelectIDCard: SdtLibrary['SDT_SelectIDCard'] = (port, manaMsg) => {
  if (!open.has(port) || !found) return SDT.SELECT_FAILED;
  manaMsg.fill(0, 0, 8);
  return SDT.OK;
};

export const SDT_ReadBaseMsg: SdtLibrary['SDT_ReadBaseMsg'] = (port, text, textLen, photo, photoLen) => {
  const s = scenario();
  if (!open.has(port) || !found || !s.card) return SDT.READ_FAILED;
  switch (s.fault) {
    case 'crash-mid-read':
      // A vendor library fault (access violation): the process dies without a word.
      process.kill(process.pid, 'SIGKILL');
      break;
    case 'exit-mid-read':
      process.exit(70);
      break;
    case 'hang-mid-read':
      // Stuck inside the library: a synchronous wait the helper cannot escape.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
      break;
    case 'read-failed':
      return SDT.READ_FAILED;
    case 'none':
      break;
  }
  const t = Buffer.from(s.card.text, 'base64');
  const p = Buffer.from(s.card.photo, 'base64');
  text.set(t.subarray(0, text.length));
  photo.set(p.subarray(0, photo.length));
  textLen[0] = Math.min(t.length, text.length);
  photoLen[0] = Math.min(p.length, photo.length);
  lastReadPlacement = found.placement;
  return SDT.OK;
};
