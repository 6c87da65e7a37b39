// Test helpers of the case bundle (decision 0231): its body, its request, and a count of what PostgreSQL ran.
import pg from 'pg';
import { CASE_BUNDLE_MEDIA_TYPE, encodeCaseBundle } from '@tongban/protocol/sync/case-bundle';
import type { CaseManifest } from '@tongban/protocol/sync/manifest';
import type { DeviceClient, SignOptions } from './device-client';

/** The bundle body of a manifest and its files. */
export const bundleOf = (m: CaseManifest, files: readonly Buffer[]): Buffer =>
  Buffer.from(encodeCaseBundle(Buffer.from(JSON.stringify(m)), files));

/** PUT /v1/cases/{id}/bundle. */
export const putBundle = (d: DeviceClient, caseId: string, body: Buffer, opts: SignOptions = {}) =>
  d.request('PUT', `/v1/cases/${caseId}/bundle`, {
    body,
    contentType: CASE_BUNDLE_MEDIA_TYPE,
    idempotencyKey: caseId,
    ...opts,
  });

/** What the process sent PostgreSQL while `fn` ran. */
export interface StatementCount {
  /** Statements sent (BEGIN and COMMIT included). */
  statements: number;
  /** Transactions: statements outside BEGIN…COMMIT, plus each BEGIN…COMMIT. */
  transactions: number;
  /** Transactions that wrote (a statement with INSERT, UPDATE or DELETE, or a function that writes). */
  writes: number;
  texts: string[];
}

/** Counts the statements every pg client of this process sends while `fn` runs (nothing else may run meanwhile). */
export async function countStatements<T>(fn: () => Promise<T>): Promise<{ result: T; count: StatementCount }> {
  const count: StatementCount = { statements: 0, transactions: 0, writes: 0, texts: [] };
  const open = new WeakMap<object, boolean>();
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: object, ...args: unknown[]) {
    const first = args[0];
    const text = typeof first === 'string' ? first : ((first as { text?: string } | null)?.text ?? '');
    const head = text.trim().toUpperCase();
    count.statements++;
    count.texts.push(text.replace(/\s+/g, ' ').slice(0, 80));
    if (head.startsWith('BEGIN')) {
      open.set(this, true);
      count.transactions++;
    } else if (head.startsWith('COMMIT') || head.startsWith('ROLLBACK')) {
      open.set(this, false);
    } else if (!open.get(this)) {
      count.transactions++;
      if (/\b(INSERT|UPDATE|DELETE)\b|put_whole|verify_stored/i.test(text)) count.writes++;
    } else if (/\b(INSERT|UPDATE|DELETE)\b/i.test(text)) count.writes++;
    return original.apply(this, args);
  };
  try {
    return { result: await fn(), count };
  } finally {
    proto.query = original;
  }
}
