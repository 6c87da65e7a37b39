import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../testing/repo-root';
import { openDatabase } from '../db/open';
import { AuditLog } from './audit-log';

function freshLog() {
  const { db } = openDatabase(
    join(mkdtempSync(join(tmpdir(), 'tongban-audit-')), 'a.sqlite'),
    join(REPO_ROOT, 'migrations'),
  );
  let t = Date.parse('2026-11-30T01:00:00Z');
  const log = new AuditLog(db, () => new Date((t += 1000)));
  for (let i = 0; i < 5; i++)
    log.append({ actor: { id: 1, name: 'admin' }, action: 'auth.login', target: 'user:1', details: { n: i } });
  return { db, log };
}

/** What an attacker with the file could do: drop the append-only triggers first. */
function dropGuards(db: ReturnType<typeof freshLog>['db']) {
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
}

describe('audit log', () => {
  it('chains entries and verifies an untouched log', () => {
    const { log } = freshLog();
    expect(log.verify()).toMatchObject({ ok: true, count: 5, firstBroken: null });
  });

  it('refuses updates and deletes through the append-only triggers', () => {
    const { db } = freshLog();
    expect(() => db.prepare("UPDATE audit_log SET action = 'x' WHERE seq = 2").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 2').run()).toThrow(/append-only/);
  });

  it('detects an altered row', () => {
    const { db, log } = freshLog();
    dropGuards(db);
    db.prepare(`UPDATE audit_log SET details = '{"n":99}' WHERE seq = 3`).run();
    expect(log.verify()).toMatchObject({ ok: false, firstBroken: { seq: 3, reason: 'hash-mismatch' } });
  });

  it('detects an altered row whose hash was recomputed without the chain', () => {
    const { db, log } = freshLog();
    dropGuards(db);
    db.prepare(`UPDATE audit_log SET prev_hash = hash WHERE seq = 2`).run();
    expect(log.verify()).toMatchObject({ ok: false, firstBroken: { seq: 2, reason: 'link-mismatch' } });
  });

  it('detects a deleted row in the middle', () => {
    const { db, log } = freshLog();
    dropGuards(db);
    db.prepare('DELETE FROM audit_log WHERE seq = 2').run();
    expect(log.verify()).toMatchObject({ ok: false, firstBroken: { seq: 2, reason: 'sequence-gap' } });
  });

  it('detects a deleted last row', () => {
    const { db, log } = freshLog();
    dropGuards(db);
    db.prepare('DELETE FROM audit_log WHERE seq = 5').run();
    expect(log.verify()).toMatchObject({ ok: false, count: 4, firstBroken: { seq: 5, reason: 'tail-missing' } });
  });

  it('lists newest first with filters, by China calendar day', () => {
    const { log } = freshLog();
    log.append({ actor: { id: 2, name: 'clerk1' }, action: 'auth.login-failed', target: 'user:2' });
    expect(log.list({ limit: 100 }).map((e) => e.seq)).toEqual([6, 5, 4, 3, 2, 1]);
    expect(log.list({ limit: 100, actor: 'clerk1' }).map((e) => e.action)).toEqual(['auth.login-failed']);
    expect(log.list({ limit: 2, beforeSeq: 5 }).map((e) => e.seq)).toEqual([4, 3]);
    // 2026-11-30T01:00Z is 09:00 on 30 November in China.
    expect(log.list({ limit: 100, from: '2026-11-30', to: '2026-11-30' })).toHaveLength(6);
    expect(log.list({ limit: 100, to: '2026-11-29' })).toHaveLength(0);
  });
});
