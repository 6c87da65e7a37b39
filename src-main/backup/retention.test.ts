import { afterEach, describe, expect, it } from 'vitest';
import { PNG_BYTES, socialSecurityCardApplication, verifyApplicant } from '../cases/testing/intake-fixtures';
import { TICKET_TEXT_PURGED } from '@common/tickets';
import { receiptSignatureBlock } from '../printing/html/signature-html';
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

  it('clears 电子签名 images, strokes and text with the case, keeping the hashes: the signature reads as purged', async () => {
    t = await supervisorApp();
    const { caseId } = await callOk(t.app, t.clerk, 'drafts:create', {});
    await callOk(t.app, t.clerk, 'attachments:add', {
      caseId,
      materialCode: 'PHOTO',
      fileName: 'photo.png',
      dataBase64: PNG_BYTES.toString('base64'),
    });
    await verifyApplicant(t.app, t.clerk, caseId);
    const application = socialSecurityCardApplication(caseId);
    const { ticket } = await callOk(t.app, t.clerk, 'signatures:open', { application, signer: 'applicant' });
    const view = await callOk(t.app, 'customer-screen', 'signatures:ticket', { ticket });
    const points = Array.from({ length: 12 }, (_, i) => ({ x: 10 + i * 5, y: 40, time: i * 16, pressure: 0.5 }));
    await callOk(t.app, 'customer-screen', 'signatures:sign', {
      ticket,
      textSha256: view.textSha256,
      contentSha256: view.contentSha256,
      points: [{ points }],
      png: PNG_BYTES.toString('base64'),
      svg: '<svg xmlns="http://www.w3.org/2000/svg"><path d="M10 40 L65 44"/></svg>',
    });
    await callOk(t.app, t.clerk, 'intake:accept', { application });
    const db = t.app.services.db;
    const stored = () =>
      db.prepare('SELECT * FROM case_signatures WHERE case_id = ?').get(caseId) as Record<string, unknown>;
    const before = stored();
    expect(before.text).toContain('张三');
    expect(t.app.services.signatures.printed(caseId).list).toMatchObject([
      { signerName: '张三', image: /^data:image\/png/ },
    ]);

    finish(caseId, '2026-12-01T10:00:00+08:00', 3);
    await setClock(t, '2026-12-20T02:00:00.000Z'); // 19 days: not yet due
    expect(await callOk(t.app, t.admin, 'retention:run', {})).toMatchObject({ cases: 0, signatures: 0 });
    expect(stored()).toEqual(before);

    await setClock(t, '2027-06-10T02:00:00.000Z');
    expect(await callOk(t.app, t.admin, 'retention:run', {})).toMatchObject({ cases: 1, signatures: 1 });
    const after = stored();
    expect(after).toMatchObject({ signer_name: '张*', text: '', points: '[]', svg: '', png: Buffer.alloc(0) });
    expect(after.purged_at).toBe('2027-06-10T02:00:00.000Z');
    // The hashes stay: the case was signed, with that text and content, and that image.
    for (const k of ['signature_id', 'text_sha256', 'content_sha256', 'png_sha256', 'signed_at', 'documents'])
      expect(after[k]).toBe(before[k]);
    expect(db.prepare('SELECT count(*) AS n FROM signature_tickets WHERE case_id = ?').get(caseId)).toEqual({ n: 0 });
    expect(JSON.stringify(after)).not.toMatch(/张三|500101199003070014/);
    // Read back: purged, not missing; nothing goes into a manifest any more.
    const printed = t.app.services.signatures.printed(caseId);
    expect(printed.list).toEqual([
      expect.objectContaining({ signer: 'applicant', signerName: '张*', image: '', purged: true }),
    ]);
    expect(receiptSignatureBlock({ signatures: printed } as never)).toContain('签名图像已按保存期限清除');
    const c = t.app.services.intake.cases.get(caseId);
    expect(c && t.app.services.signatures.manifestSignatures(c)).toEqual([]);
  });
});

describe('retention of 问题处理', () => {
  it('clears the text of the case’s tickets and their messages, keeping who, when, category and status', async () => {
    t = await supervisorApp();
    const kase = await acceptCase(t.app, t.clerk);
    const other = await acceptCase(t.app, t.clerk);
    const opened = await callOk(t.app, t.clerk, 'tickets:open', {
      caseId: kase.caseId,
      category: 'applicant-request',
      body: '申请人张三（电话 13800138000）要求改为邮寄。',
    });
    const kept = await callOk(t.app, t.clerk, 'tickets:open', {
      caseId: other.caseId,
      category: 'other',
      body: '申请人张三询问进度。',
    });
    // The department's answer arrives in the status feed.
    t.app.services.db.transaction(() =>
      t.app.services.tickets.repo.applyStates(
        [
          {
            ...opened,
            version: 2,
            openedBy: opened.openedBy,
            status: 'answered',
            dueAt: '2026-12-10T16:00:00.000Z',
            answeredAt: '2026-12-02T02:00:00.000Z',
            escalatedAt: null,
            closedAt: null,
            messages: [
              {
                messageId: '0193a0c0-0000-7000-8000-0000000000aa',
                side: 'department',
                author: 'reviewer01',
                body: '已联系张三，地址为白岩路1号。',
                at: '2026-12-02T02:00:00.000Z',
              },
            ],
          },
        ],
        '2026-12-02T02:00:00.000Z',
      ),
    )();
    finish(kase.caseId, '2026-12-01T10:00:00+08:00', 4);
    await setClock(t, '2027-06-10T02:00:00.000Z');
    expect(await callOk(t.app, t.admin, 'retention:run', {})).toMatchObject({ cases: 1, tickets: 1 });

    const db = t.app.services.db;
    const ticket = (id: string) =>
      db.prepare('SELECT * FROM case_tickets WHERE ticket_id = ?').get(id) as Record<string, unknown>;
    expect(ticket(opened.ticketId)).toMatchObject({
      body: TICKET_TEXT_PURGED,
      category: 'applicant-request',
      status: 'answered',
      opened_by: opened.openedBy,
      opened_at: opened.openedAt,
    });
    const messages = db
      .prepare('SELECT author, body FROM case_ticket_messages WHERE ticket_id = ?')
      .all(opened.ticketId) as { author: string; body: string }[];
    expect(messages).toEqual([{ author: 'reviewer01', body: TICKET_TEXT_PURGED }]);
    expect(JSON.stringify([ticket(opened.ticketId), messages])).not.toMatch(/张三|13800138000|白岩路/);
    // Another case's ticket (not due) keeps its text; the view reads the purged text.
    expect(ticket(kept.ticketId).body).toBe('申请人张三询问进度。');
    const views = await callOk(t.app, t.clerk, 'tickets:case', { caseId: kase.caseId });
    expect(views[0]?.body).toBe(TICKET_TEXT_PURGED);
  });
});
