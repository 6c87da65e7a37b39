// Kill -9 during acceptance, again and again: every case whose receipt number was shown must be in the
// database with its outbox rows, numbers unique and gap-free, and the file must pass integrity_check.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { openDataFolderDatabase } from '../db/key-store';
import { afterAll, describe, expect, it } from 'vitest';
import { parseReceiptNumber } from '@common/cases/receipt-number';
import { seededRandom } from '@tongban/protocol/seeded-random';
import { bundleTestChild } from '../testing/bundle-child';
import { createUser, initialised, testApp, type TestApp } from '../testing/test-app';

const ITERATIONS = Number(process.env.CRASH_ITERATIONS ?? 200);
const SEED = Number(process.env.CRASH_SEED ?? 20261130);
const CHILD = join(__dirname, 'testing', 'crash-child.ts');

/**
 * Runs the child (node on its bundle: no tsx CLI, whose grandchild would outlive the kill, nor tsx's loader at every
 * start) until it is ready, lets it accept cases for `workMs`, then SIGKILLs it; returns the acknowledged cases.
 */
function runAndKill(
  child: string,
  dataDir: string,
  clerkId: number,
  day: number,
  workMs: number,
): Promise<{ acks: [string, string][]; ready: boolean }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [child, dataDir, String(clerkId), String(day)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let ready = false;
    proc.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!ready && out.includes('READY\n')) {
        ready = true;
        setTimeout(() => proc.kill('SIGKILL'), workMs);
      }
    });
    proc.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    proc.on('close', (code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`child ended on its own (${code}): ${err}`));
      // Only complete lines count: a line cut by the kill was never shown to the clerk.
      const lines = out.split('\n').slice(0, -1);
      resolve({
        ready,
        acks: lines.filter((l) => l.startsWith('ACK ')).map((l) => l.split(' ').slice(1, 3) as [string, string]),
      });
    });
  });
}

let app: TestApp | null = null;
afterAll(() => app?.dispose());

describe('kill -9 during acceptance', () => {
  it(`loses no acknowledged case over ${ITERATIONS} kills`, async () => {
    const child = await bundleTestChild(CHILD);
    app = await testApp();
    const admin = await initialised(app);
    const clerkId = await createUser(app, admin, 'clerk1', 'clerk');
    app.close();

    const random = seededRandom(SEED);
    const acknowledged = new Map<string, string>();
    let killsWithWorkDone = 0;
    for (let i = 0; i < ITERATIONS; i++) {
      const { acks } = await runAndKill(child, app.dataDir, clerkId, i, Math.floor(random() * 60));
      if (acks.length) killsWithWorkDone += 1;
      for (const [caseId, receiptNo] of acks) acknowledged.set(caseId, receiptNo);
    }

    const db = openDataFolderDatabase(app.dataDir);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const cases = db
        .prepare<[], { case_id: string; receipt_no: string; outcome: string }>(
          'SELECT case_id, receipt_no, outcome FROM cases',
        )
        .all();
      const byId = new Map(cases.map((c) => [c.case_id, c]));
      const lost = [...acknowledged].filter(
        ([id, no]) => byId.get(id)?.receipt_no !== no || byId.get(id)?.outcome !== 'accepted',
      );
      const withoutOutbox = db
        .prepare<[], { n: number }>(
          `SELECT count(*) AS n FROM cases c WHERE c.outcome = 'accepted' AND (
             NOT EXISTS (SELECT 1 FROM outbox o WHERE o.case_id = c.case_id AND o.kind = 'case') OR
             (SELECT count(*) FROM outbox o WHERE o.case_id = c.case_id AND o.kind = 'attachment') <>
             (SELECT count(*) FROM attachments a WHERE a.case_id = c.case_id))`,
        )
        .get()!.n;
      const sequences = new Map<string, number[]>();
      for (const c of cases) {
        const parts = parseReceiptNumber(c.receipt_no);
        expect(parts, c.receipt_no).not.toBeNull();
        sequences.set(parts!.date, [...(sequences.get(parts!.date) ?? []), parts!.sequence]);
      }
      const gaps = [...sequences.values()].filter((seqs) =>
        seqs.sort((a, b) => a - b).some((s, i) => s !== i + 1),
      ).length;
      const unfinishedDrafts = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM drafts').get()!.n;
      console.log(
        `kill -9 test (seed ${SEED}): ${ITERATIONS} kills, ${killsWithWorkDone} after at least one acknowledged case, ` +
          `${acknowledged.size} acknowledged, ${cases.length} in the database, ${unfinishedDrafts} drafts cut short, ` +
          `lost ${lost.length}, accepted without outbox ${withoutOutbox}, sequence gaps ${gaps}, integrity ok`,
      );
      expect(lost).toEqual([]);
      expect(withoutOutbox).toBe(0);
      expect(gaps).toBe(0);
      expect(new Set(cases.map((c) => c.receipt_no)).size).toBe(cases.length);
      // The faults must have landed mid-work, or the test proves nothing.
      expect(killsWithWorkDone).toBeGreaterThan(ITERATIONS / 4);
      expect(cases.length).toBeGreaterThanOrEqual(acknowledged.size);
    } finally {
      db.close();
    }
  }, 900_000);
});
