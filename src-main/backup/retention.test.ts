import { afterEach, describe, expect, it } from 'vitest';
import { callOk } from '../testing/call';
import { acceptCase, setClock, supervisorApp, type SupervisorTestApp } from '../testing/supervisor';

const DAY = '2026-11-30';
const FULL_ID = '500101199003070014';
let t: SupervisorTestApp;
afterEach(async () => t?.dispose());

/** Makes a case delivered and finished by the department at `at`, as the sync loop would. */
function finish(caseId: string, at: string, n: number): void {
  const sync = t.app.services.sync.repo;
  sync.setCaseSync(caseId, { syncState: 'delivered', departmentNo: `JJ-${n}`, deliveredAt: at });
  sync.applyEvents(
    [
      {
        eventId: `0193a0c0-0000-7000-8000-00000000000${n}`,
        caseId,
        caseVersion: 3,
        status: 'approved',
        reason: null,
        details: {},
        at,
      },
    ],
    `c${n}`,
    at,
  );
}

describe('retention', () => {
  it('purges personal data of cases finished more than N days ago, keeps the masked ledger rows, audits counts only', async () => {
    t = await supervisorApp();
    const old = await acceptCase(t.app, t.clerk, { delivery: 'ems', deliveryAddress: '重庆市万州区白岩路1号附3号' });
    const recent = await acceptCase(t.app, t.clerk);
    finish(old.caseId, '2026-12-01T10:00:00+08:00', 1);
    await callOk(t.app, t.sup, 'ledger:closeDay', { date: DAY });
    const before = await callOk(t.app, t.sup, 'ledger:get', { date: DAY });

    await setClock(t, '2027-06-10T02:00:00.000Z'); // 190 days after the old case finished
    finish(recent.caseId, '2027-06-01T10:00:00+08:00', 2); // finished 9 days ago: kept
    expect(await t.app.call(t.sup, 'retention:run', {}, 2)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await callOk(t.app, t.admin, 'retention:run', { dryRun: true })).toMatchObject({
      dryRun: true,
      cases: 1,
    });
    const report = await callOk(t.app, t.admin, 'retention:run', {});
    expect(report).toMatchObject({ days: 180, cases: 1, attachments: 1, blobs: 0, identityRows: 1 });

    const db = t.app.services.db;
    const row = (id: string) =>
      db
        .prepare(
          'SELECT applicant_name, applicant_id_number, applicant_phone, application FROM cases WHERE case_id = ?',
        )
        .get(id) as Record<string, string>;
    const purged = row(old.caseId);
    expect(purged).toMatchObject({
      applicant_name: '张*',
      applicant_id_number: '5001**********0014',
      applicant_phone: '138****8000',
    });
    expect(purged.application).not.toContain(FULL_ID);
    expect(purged.application).not.toContain('白岩路');
    expect(row(recent.caseId).applicant_id_number).toBe(FULL_ID);
    expect(db.prepare('SELECT count(*) AS n FROM attachments WHERE case_id = ?').get(old.caseId)).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM attachments WHERE case_id = ?').get(recent.caseId)).toEqual({ n: 1 });
    expect(
      db
        .prepare('SELECT id_number, minimised_at IS NOT NULL AS m FROM identity_verifications WHERE case_id = ?')
        .get(old.caseId),
    ).toEqual({ id_number: '5001**********0014', m: 1 });
    const detail = await callOk(t.app, t.sup, 'cases:get', { caseId: old.caseId });
    expect(detail.application.applicant).toMatchObject({ name: '张*', idNumber: '5001**********0014', address: '' });

    // The ledger rows were masked already: unchanged, and the closed day still verifies.
    const after = await callOk(t.app, t.sup, 'ledger:get', { date: DAY });
    expect(after.rows).toEqual(before.rows);
    expect((await callOk(t.app, t.sup, 'ledger:verifyDay', { date: DAY })).problems).toEqual([]);
    const entry = t.app.services.audit.list({ action: 'retention.purge', limit: 1 })[0];
    expect(entry?.details).toMatchObject({ cases: 1, caseIds: [old.caseId] });
    expect(JSON.stringify(entry)).not.toMatch(/张三|500101199003070014|13800138000/);
    // Nothing left to do on a second run.
    expect(await callOk(t.app, t.admin, 'retention:run', {})).toMatchObject({ cases: 0 });
  });
});
