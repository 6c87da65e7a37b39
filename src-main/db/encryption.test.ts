// Encryption at rest through the app: a marker written through the contract appears in no file of the data
// folder; a wrong key is a clear error; a plaintext database is encrypted on upgrade; restore on a new PC
// needs the recovery code.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createUser, initialised, REPO_ROOT, testApp, TEST_HALL, type TestApp } from '../testing/test-app';
import { AppError } from '../common/errors';
import { keyOfRecoveryCode, recoveryCodeOf } from '../common/recovery-code';
import { isPlaintextDatabase } from './encryption';
import { openDataFolderDatabase } from './key-store';
import { openDatabase } from './open';

const MARKER = 'MARKER-甲乙丙-7f3a9c';
const apps: TestApp[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const a of apps.splice(0)) a.dispose();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'tongban-enc-'));
  dirs.push(d);
  return d;
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/** Files of the folder whose bytes contain the marker (UTF-8 or UTF-16LE). */
function filesWithMarker(dir: string): string[] {
  const needles = [Buffer.from(MARKER, 'utf8'), Buffer.from(MARKER, 'utf16le'), Buffer.from('7f3a9c', 'utf8')];
  return filesUnder(dir).filter((f) => {
    const bytes = readFileSync(f);
    return needles.some((n) => bytes.includes(n));
  });
}

describe('encryption at rest', () => {
  it('a marker written through the app is in no file of the data folder; files 0600, folders 0700', async () => {
    const dataDir = tempDir();
    const app = await testApp({ dataDir });
    apps.push(app);
    const admin = await initialised(app);
    await app.call(
      admin,
      'users:create',
      { username: 'clerk9', displayName: MARKER, role: 'clerk', password: 'Passw0rd!' },
      0,
    );
    expect(app.services.auth.users.byUsername('clerk9')?.displayName).toBe(MARKER);
    const backup = await app.call(admin, 'backups:run', {}, 0);
    expect(backup).toMatchObject({ ok: true });
    // While the app runs (the WAL holds the latest pages) and after it closed.
    expect(filesUnder(dataDir).some((f) => f.endsWith('-wal'))).toBe(true);
    expect(filesWithMarker(dataDir)).toEqual([]);
    app.close();
    apps.pop();
    const files = filesUnder(dataDir);
    expect(files.some((f) => f.includes('backups'))).toBe(true);
    expect(filesWithMarker(dataDir)).toEqual([]);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    for (const f of files.filter((x) => /tongban\.sqlite$|db\.key$|\.sqlite$/.test(x)))
      expect(statSync(f).mode & 0o077, f).toBe(0);
    // And the data is there for the key.
    const db = openDataFolderDatabase(dataDir, { readonly: true });
    expect(db.prepare("SELECT display_name FROM users WHERE username = 'clerk9'").get()).toEqual({
      display_name: MARKER,
    });
    db.close();
  });

  it('a wrong key gives database-unreadable (a clear Chinese message in the UI), not a crash; nothing changed', async () => {
    const dataDir = tempDir();
    const app = await testApp({ dataDir });
    await initialised(app);
    app.close();
    const before = readFileSync(join(dataDir, 'tongban.sqlite'));
    writeFileSync(join(dataDir, 'db.key'), 'ab'.repeat(32));
    const failure = await testApp({ dataDir }).then(
      () => null,
      (err: unknown) => err,
    );
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).code).toBe('database-unreadable');
    expect(readFileSync(join(dataDir, 'tongban.sqlite')).equals(before)).toBe(true);
    // The message lives with the sign-in screen's strings (src-renderer/i18n/first.ts), which the full resources spread in.
    const zh = readFileSync(join(REPO_ROOT, 'src-renderer', 'i18n', 'first.ts'), 'utf8');
    expect(zh).toMatch(/'database-unreadable': '数据库或备份无法读取/);
  });

  it('an existing plaintext database is encrypted in place on upgrade, data kept', async () => {
    const dataDir = tempDir();
    const file = join(dataDir, 'tongban.sqlite');
    const { db } = openDatabase(file, join(REPO_ROOT, 'migrations'));
    db.prepare("INSERT INTO settings (key, value) VALUES ('marker', ?)").run(JSON.stringify(MARKER));
    db.close();
    expect(isPlaintextDatabase(file)).toBe(true);
    expect(filesWithMarker(dataDir)).not.toEqual([]);
    const app = await testApp({ dataDir });
    apps.push(app);
    expect(isPlaintextDatabase(file)).toBe(false);
    expect(app.services.db.prepare("SELECT value FROM settings WHERE key = 'marker'").get()).toEqual({
      value: JSON.stringify(MARKER),
    });
    app.close();
    apps.pop();
    expect(filesWithMarker(dataDir)).toEqual([]);
  });

  it('restores a backup on a new PC only with the recovery code shown at setup', async () => {
    const oldPc = await testApp();
    apps.push(oldPc);
    const setup = await oldPc.call(
      'a',
      'setup:initialize',
      { hall: TEST_HALL, admin: { username: 'admin', displayName: '管理员', password: 'Chongqing2026' } },
      0,
    );
    const code = setup.ok ? (setup.value as { recoveryCode?: string }).recoveryCode : undefined;
    expect(code).toMatch(/^([0-9A-Z]{4}-){12}[0-9A-Z]{4}$/);
    // Re-issuable: the admin sees it again after re-entering the password (audited); a wrong password is refused.
    expect(await oldPc.call('a', 'security:recoveryCode', { password: 'wrong-pass1' }, 0)).toMatchObject({ ok: false });
    expect(await oldPc.call('a', 'security:recoveryCode', { password: 'Chongqing2026' }, 0)).toEqual({
      ok: true,
      value: { recoveryCode: code },
    });
    expect(oldPc.services.audit.list({ limit: 5, action: 'security.recovery-code-shown' })).toHaveLength(1);
    await createUser(oldPc, 'a', 'clerk1', 'clerk');
    const backup = await oldPc.call('a', 'backups:run', {}, 0);
    const path = backup.ok ? (backup.value as { path: string }).path : '';

    const newDir = tempDir();
    const newPc = await testApp({ dataDir: newDir });
    apps.push(newPc);
    expect(await newPc.call('s', 'setup:restore', { file: path }, 0)).toMatchObject({
      ok: false,
      error: { code: 'database-unreadable' },
    });
    const wrongCode = recoveryCodeOf(new Uint8Array(32).fill(7));
    expect(await newPc.call('s', 'setup:restore', { file: path, recoveryCode: wrongCode }, 0)).toMatchObject({
      ok: false,
      error: { code: 'database-unreadable' },
    });
    const typed = (code as string).toLowerCase().replace(/-/g, ' ');
    expect(await newPc.call('s', 'setup:restore', { file: path, recoveryCode: typed }, 0)).toMatchObject({
      ok: true,
      value: { restartRequired: true },
    });
    newPc.close();
    apps.pop();
    const restarted = await testApp({ dataDir: newDir });
    apps.push(restarted);
    expect(restarted.services.auth.users.byUsername('clerk1')).not.toBeNull();
    expect(keyOfRecoveryCode(code as string)).toHaveLength(32);
  });
});
