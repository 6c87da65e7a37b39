// Retention at the gateway (issue #15), on real PostgreSQL and a real S3 protocol server: cases closed more
// than N days ago lose their files and have personal data masked; open, recent and shared things stay; a
// second run (or a second process) does nothing more; the audit row holds counts only; the window's replay
// of the original manifest is still recognised.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseManifest } from '@tongban/protocol/sync/manifest';
import type { BlobStore } from '../attachments/blob-store';
import { putWhole } from '../attachments/repo';
import { S3BlobStore } from '../attachments/s3-store';
import { auditRows } from '../audit';
import { performAction } from '../department/actions';
import type { ReviewerSession } from '../department/sessions';
import type { DeviceClient } from '../testing/device-client';
import { testFile, testManifest, type TestFile } from '../testing/fixtures';
import { startTestGateway, type TestGateway } from '../testing/harness';
import { startTestS3, type TestS3 } from '../testing/s3';
import { runRetention } from './retention';

const SC = '510000';
const REVIEWER: ReviewerSession = { reviewerId: 1, username: 'psb1', departmentId: 'SC-CD-PSB', csrfToken: 'x' };
const AGENT = {
  name: '李四光',
  idType: 'resident-id' as const,
  idNumber: '500101198001010016',
  phone: '13900001111',
  address: '重庆市渝中区解放碑步行街 8 号',
  relationship: '子女',
};

/** The same bytes in a new slot (another case holding the same file). */
const sameFile = (f: TestFile): TestFile => ({ bytes: f.bytes, slot: { ...f.slot, attachmentId: randomUUID() } });

async function push(t: TestGateway, device: DeviceClient, files: TestFile[], agent = false): Promise<CaseManifest> {
  const m = testManifest(SC, files, agent ? { agent: AGENT, mode: 'proxy' } : {});
  expect((await device.putCase(m)).status).toBe(201);
  for (const f of files) expect((await device.putAttachment(m.caseId, f.slot.attachmentId, f.bytes)).status).toBe(201);
  return m;
}

/** Decides a case (`approve` or `reject`) and dates its last status change `daysAgo` days back. */
async function close(t: TestGateway, caseId: string, action: 'approve' | 'reject', daysAgo: number) {
  await performAction(t.pool, REVIEWER, caseId, 'review', new URLSearchParams({ caseVersion: '1' }));
  const form = new URLSearchParams({ caseVersion: '2', ...(action === 'reject' ? { reason: '不符合条件' } : {}) });
  await performAction(t.pool, REVIEWER, caseId, action, form);
  await t.pool.query(`UPDATE status_events SET at = now() - make_interval(days => $2) WHERE case_id = $1`, [
    caseId,
    daysAgo,
  ]);
}

const caseText = async (t: TestGateway, caseId: string) =>
  (await t.pool.query<{ m: string }>('SELECT manifest::text AS m FROM cases WHERE case_id = $1', [caseId])).rows[0]?.m;

/** `makeStore` absent: the gateway's own PostgreSQL store. */
function retentionSuite(name: string, makeStore?: () => Promise<BlobStore>) {
  describe(`retention (${name} store)`, () => {
    let t: TestGateway;
    let store: BlobStore;
    let device: DeviceClient;
    beforeAll(async () => {
      const given = await makeStore?.();
      t = await startTestGateway(given ? { blobStore: given } : {});
      store = given ?? t.gateway.blobStore;
      device = await t.device(SC);
    });
    afterAll(async () => {
      await t?.close();
      if (makeStore) await store?.close();
    });

    it('purges files and masks personal data of cases closed > N days ago, once, audited with counts only', async () => {
      const shared = testFile(3000);
      const own = testFile(2000, 'HK');
      const old = await push(t, device, [shared, own], true);
      await close(t, old.caseId, 'approve', 200);
      const rejected = await push(t, device, [testFile(500)]);
      await close(t, rejected.caseId, 'reject', 181);
      const recent = await push(t, device, [testFile(400)]);
      await close(t, recent.caseId, 'approve', 10);
      const open = await push(t, device, [sameFile(shared)]);
      const hash = async (id: string) =>
        (await t.pool.query('SELECT manifest_hash FROM cases WHERE case_id = $1', [id])).rows[0];
      const hashBefore = await hash(old.caseId);

      const counts = await runRetention(t.pool, store, { days: 180 });
      expect(counts).toEqual({
        cases: 2,
        supplements: 0,
        ratings: 0,
        followUpSteps: 0,
        attachments: 3,
        documents: 0,
        filesDeleted: 2,
        orphansDeleted: 0,
      });

      // Masked in the stored JSON: names, ID numbers, phones, addresses of applicant and agent, free form text.
      const text = (await caseText(t, old.caseId)) as string;
      for (const personal of [
        '张三',
        '500101199003070014',
        '13800000000',
        '李四光',
        '500101198001010016',
        '13900001111',
        '解放碑',
      ])
        expect(text).not.toContain(personal);
      const masked = JSON.parse(text) as CaseManifest;
      expect(masked.applicant).toMatchObject({ name: '张*', idNumber: '5001**********0014', phone: '138****0000' });
      expect(masked.agent).toMatchObject({ name: '李*光', idNumber: '5001**********0016', relationship: '子女' });
      expect(masked.receiptNo).toBe(old.receiptNo);
      expect(await hash(old.caseId)).toEqual(hashBefore);
      // Files: the old cases' bytes are gone, the file an open case shares is kept, the recent case untouched.
      expect(await store.head(own.slot.sha256)).toBeNull();
      expect(await store.head(rejected.attachments[0]?.sha256 as string)).toBeNull();
      expect(await store.head(shared.slot.sha256)).toMatchObject({ size: 3000 });
      expect(await store.head(recent.attachments[0]?.sha256 as string)).not.toBeNull();
      expect(await caseText(t, recent.caseId)).toContain('500101199003070014');
      expect(await caseText(t, open.caseId)).toContain('500101199003070014');
      const { rows: chunks } = await t.pool.query(
        'SELECT 1 FROM attachment_chunks c JOIN attachment_slots s USING (attachment_id) WHERE s.case_id = $1',
        [old.caseId],
      );
      expect(chunks).toHaveLength(0);

      // The window's replay of the original manifest and of its file are still recognised, nothing re-uploaded.
      expect((await device.putCase(old)).status).toBe(200);
      expect((await device.putCase(old)).body.missingAttachments).toEqual([]);

      // Audit: one row, counts only.
      const audits = await auditRows(t.pool, 'retention.run');
      expect(audits).toHaveLength(1);
      expect(audits[0]).toMatchObject({ actor: 'system:retention', details: { days: 180, cases: 2, filesDeleted: 2 } });
      expect(JSON.stringify(audits)).not.toMatch(/张|李|5001|138|139/);

      // Idempotent: another run finds nothing and writes no audit row; two processes at once purge each case once.
      expect(await runRetention(t.pool, store, { days: 180 })).toMatchObject({ cases: 0, filesDeleted: 0 });
      const more = await push(t, device, [testFile(700)]);
      await close(t, more.caseId, 'approve', 365);
      const both = await Promise.all([
        runRetention(t.pool, store, { days: 180 }),
        runRetention(t.pool, store, { days: 180 }),
      ]);
      expect(both.reduce((n, c) => n + (c?.cases ?? 0), 0)).toBe(1);
      expect(await auditRows(t.pool, 'retention.run')).toHaveLength(2);
    });

    it("a purged case's result PDF and department documents lose their bytes; the records stay", async () => {
      const old = await push(t, device, [testFile(600)]);
      await close(t, old.caseId, 'approve', 200);
      const recent = await push(t, device, [testFile(650)]);
      await close(t, recent.caseId, 'approve', 5);
      for (const c of [old, recent]) {
        await t.pool.query(
          `INSERT INTO case_results (case_id, file_name, pdf, sha256, attached_by) VALUES ($1, '决定书.pdf', $2, $3, 'psb1')`,
          [c.caseId, Buffer.from('%PDF-1.7 张三 500101199003070014'), 'a'.repeat(64)],
        );
        await t.pool.query(
          `INSERT INTO department_documents (case_id, kind, document_no, title, file_name, pdf, sha256, issued_by)
           VALUES ($1, 'approval', $2, '准予许可决定书', 'a.pdf', $3, $4, 'psb1')`,
          [c.caseId, `川公准〔2026〕${c.caseId.slice(0, 6)}号`, Buffer.from('%PDF-1.7 张三'), 'b'.repeat(64)],
        );
      }
      const counts = await runRetention(t.pool, store, { days: 180 });
      expect(counts).toMatchObject({ cases: 1, documents: 2 });
      const docs = await t.pool.query<{ case_id: string; pdf: Buffer | null; document_no: string; sha256: string }>(
        `SELECT case_id, pdf, document_no, sha256 FROM department_documents WHERE case_id = ANY($1::uuid[])
         UNION ALL SELECT case_id, pdf, file_name, sha256 FROM case_results WHERE case_id = ANY($1::uuid[])`,
        [[old.caseId, recent.caseId]],
      );
      expect(docs.rows).toHaveLength(4);
      for (const row of docs.rows) {
        expect(row.sha256).toMatch(/^[ab]{64}$/);
        expect(row.pdf === null).toBe(row.case_id === old.caseId);
      }
      // The window's fetches: the purged case's documents are gone (404), the recent case's still served.
      for (const q of ['', '?document=approval']) {
        expect((await device.request('GET', `/v1/cases/${old.caseId}/result${q}`)).status).toBe(404);
        expect((await device.request('GET', `/v1/cases/${recent.caseId}/result${q}`)).status).toBe(200);
      }
      const { caseDocuments } = await import('../department/documents');
      expect(await caseDocuments(t.pool, old.caseId)).toEqual([]);
      expect(await caseDocuments(t.pool, recent.caseId)).toHaveLength(1);
      expect(await runRetention(t.pool, store, { days: 180 })).toMatchObject({ cases: 0, documents: 0 });
    });

    it('the department page of a purged case says so and serves no file', async () => {
      const file = testFile(900);
      const m = await push(t, device, [file]);
      await close(t, m.caseId, 'approve', 400);
      await runRetention(t.pool, store, { days: 180 });
      const { getCase } = await import('../department/repo');
      const { casePage } = await import('../department/case-page');
      const view = await getCase(t.pool, m.caseId, 'SC-CD-PSB');
      const html = casePage(view as NonNullable<typeof view>, REVIEWER, null);
      expect(html).toContain('个人信息已脱敏，电子件已清除');
      expect(html).toContain('已按保存期限清除');
      expect(html).not.toContain(`/attachments/${file.slot.attachmentId}`);
      expect(html).not.toContain('显示完整号码');
    });

    it.skipIf(!makeStore)(
      'an upload whose file retention deleted between its write and its verification writes it again',
      async () => {
        const file = testFile(1500);
        const m = testManifest(SC, [file]);
        expect((await device.putCase(m)).status).toBe(201);
        let puts = 0;
        // The store as the upload sees it: right after the first write, the retention job deletes the object.
        const racing: BlobStore = Object.assign(Object.create(store) as BlobStore, {
          put: async (sha256: string, bytes: Buffer) => {
            await store.put(sha256, bytes);
            if (++puts > 1) return;
            await store.delete(sha256);
            await t.pool.query(
              'INSERT INTO purged_blobs (sha256, pending, deleted_at) VALUES ($1, false, now()) ON CONFLICT (sha256) DO UPDATE SET deleted_at = now()',
              [sha256],
            );
          },
        });
        const result = await putWhole(t.pool, racing, m.caseId, file.slot.attachmentId, SC, file.bytes);
        expect(result.created).toBe(true);
        expect(puts).toBe(2);
        expect(await store.head(file.slot.sha256)).toMatchObject({ size: 1500 });
      },
    );

    it.runIf(name === 's3')(
      'an object no slot holds (a refused or interrupted push) is deleted once a day old; kept files stay',
      async () => {
        const orphan = testFile(800);
        const kept = testFile(900);
        await push(t, device, [kept]);
        // What a bundle refused after its files were written leaves: the object, no slot.
        await store.put(orphan.slot.sha256, orphan.bytes);
        const young = await runRetention(t.pool, store, { days: 180 });
        expect(young?.orphansDeleted).toBe(0);
        expect(await store.head(orphan.slot.sha256)).not.toBeNull();

        const counts = await runRetention(t.pool, store, { days: 180, orphanAgeHours: 0 });
        expect(counts?.orphansDeleted).toBeGreaterThanOrEqual(1);
        expect(await store.head(orphan.slot.sha256)).toBeNull();
        expect(await store.head(kept.slot.sha256)).toMatchObject({ size: 900 });
        const audits = await auditRows(t.pool, 'retention.run');
        expect(audits.at(-1)?.details).toMatchObject({ orphansDeleted: counts?.orphansDeleted });

        // The same bytes pushed later as a case's file are stored again and served.
        const later = await push(t, device, [orphan]);
        expect(await store.head(orphan.slot.sha256)).toMatchObject({ size: 800 });
        expect(later.attachments[0]?.sha256).toBe(orphan.slot.sha256);
      },
    );
  });
}

retentionSuite('postgres');

let s3: TestS3 | null = null;
afterAll(async () => s3?.stop());
retentionSuite('s3', async () => {
  s3 = await startTestS3();
  return new S3BlobStore(s3.config);
});
