// Pre-migration copies fall under the backup retention (keep N) instead of piling up forever.
import { mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { callOk } from '../testing/call';
import { supervisorApp, type SupervisorTestApp } from '../testing/supervisor';

let t: SupervisorTestApp | undefined;
afterEach(() => t?.app.dispose());

describe('pre-migration backups', () => {
  it('are rotated with the scheduled ones: only the newest `keep` stay, and the deletion is audited', async () => {
    t = await supervisorApp();
    const dir = join(t.app.dataDir, 'backups');
    mkdirSync(dir, { recursive: true });
    const names = [1, 2, 3, 4, 5].map((v) => `before-migration-v${v}-2026-0${v}-01T00-00-00-000Z.sqlite`);
    names.forEach((name, i) => {
      writeFileSync(join(dir, name), 'x');
      const at = new Date(Date.UTC(2026, i, 1));
      utimesSync(join(dir, name), at, at);
    });
    const settings = await callOk(t.app, t.sup, 'supervisor:settings', {});
    await callOk(t.app, 'test:admin', 'supervisor:updateSettings', {
      ...settings,
      backup: { ...settings.backup, keep: 2 },
    });
    await callOk(t.app, t.sup, 'backups:run', {});
    const left = readdirSync(dir).filter((f) => f.startsWith('before-migration-'));
    expect(left.sort()).toEqual(names.slice(3));
    expect(t.app.services.audit.list({ limit: 5, action: 'backup.rotate-pre-migration' })).toHaveLength(1);
  });
});
