// Test support: drives the fake sdtapi library's scenario file (see fake-sdtapi.ts).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CardRead } from '@common/identity/card';
import { encodeCard } from '@common/identity/text-block.test-helper';
import { SCENARIO_ENV, type FakeScenario } from './fake-sdtapi';

/** Path of the fake library module, for --fake-library. */
export const FAKE_LIBRARY = join(__dirname, 'fake-sdtapi.ts');

/** Bytes standing in for a WLT photo block (the fake decoder below does not look at them). */
export const FAKE_WLT = Buffer.alloc(1024, 0x57);

/** A scenario file and the environment that points the fake library at it. */
export interface FakeReader {
  env: Record<string, string>;
  scenario: FakeScenario;
  /** Puts a card on the reader (a new placement). */
  place(card: CardRead | Uint8Array): void;
  remove(): void;
  fault(fault: FakeScenario['fault']): void;
  dispose(): void;
}

/** A fake reader on USB port 1001 with no card. */
export function fakeReader(): FakeReader {
  const dir = mkdtempSync(join(tmpdir(), 'tongban-sdtapi-'));
  const file = join(dir, 'scenario.json');
  const scenario: FakeScenario = { ports: [1001], placement: 0, card: null, fault: 'none' };
  const save = () => writeFileSync(file, JSON.stringify(scenario));
  save();
  return {
    env: { [SCENARIO_ENV]: file },
    scenario,
    place(card) {
      const text = card instanceof Uint8Array ? card : encodeCard(card);
      scenario.card = { text: Buffer.from(text).toString('base64'), photo: FAKE_WLT.toString('base64') };
      scenario.placement += 1;
      save();
    },
    remove() {
      scenario.card = null;
      save();
    },
    fault(fault) {
      scenario.fault = fault;
      save();
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
