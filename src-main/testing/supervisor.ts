// Test and benchmark support: a real app with an administrator, a clerk and a supervisor signed
// in; cases accepted through the contract; and fast seeding of many cases by direct SQL inserts
// into the real schema (one transaction) for ledger volume tests and benchmarks.
import { callOk } from './call';
import type Database from 'better-sqlite3-multiple-ciphers';
import { createUser, initialised, testApp, type TestApp } from './test-app';
import type { ApplicationInput } from '@tongban/protocol/cases/application';
import { formatReceiptNumber } from '@common/cases/receipt-number';
import { chinaDayStartIso } from '@common/time';
import { id18CheckChar } from '@tongban/protocol/validators';
import { uuidv7 } from '../cases/ids';
import {
  marriageByAgent,
  PNG_BYTES,
  socialSecurityCardApplication,
  verifyApplicant,
} from '../cases/testing/intake-fixtures';

/** An app with callers 'test:admin', 'clerk' (clerk1) and 'sup' (sup1) signed in. */
export interface SupervisorTestApp {
  app: TestApp;
  admin: string;
  clerk: string;
  sup: string;
  clerkId: number;
  dispose(): Promise<void>;
}

/** Builds the app and signs in the three roles. */
export async function supervisorApp(options: { dataDir?: string } = {}): Promise<SupervisorTestApp> {
  const app = await testApp(options);
  const admin = await initialised(app);
  const clerkId = await createUser(app, admin, 'clerk1', 'clerk');
  await createUser(app, admin, 'sup1', 'supervisor');
  for (const [caller, username] of [
    ['clerk', 'clerk1'],
    ['sup', 'sup1'],
  ] as const) {
    const r = await app.call(caller, 'auth:login', { username, password: 'Passw0rd!' }, 0);
    if (!r.ok) throw new Error(`${username} login failed`);
  }
  return {
    app,
    admin,
    clerk: 'clerk',
    sup: 'sup',
    clerkId,
    dispose: async () => {
      await app.services.printing.close();
      app.dispose();
    },
  };
}

/** Moves the test clock, then unlocks the sessions the idle lock may have locked meanwhile. */
export async function setClock(t: SupervisorTestApp, at: Date | string): Promise<void> {
  t.app.clock.now = new Date(at);
  for (const [caller, password] of [
    [t.admin, 'Chongqing2026'],
    [t.clerk, 'Passw0rd!'],
    [t.sup, 'Passw0rd!'],
  ] as const) {
    await t.app.call(caller, 'auth:unlock', { password }, 0);
  }
}

/** Accepts a 社会保障卡申领 case through the contract (draft, photo, 人证核验, 受理). */
export async function acceptCase(
  app: TestApp,
  caller: string,
  overrides: Partial<ApplicationInput> = {},
): Promise<{ caseId: string; documentNo: string }> {
  const { caseId } = await callOk(app, caller, 'drafts:create', {});
  await callOk(app, caller, 'attachments:add', {
    caseId,
    materialCode: 'PHOTO',
    fileName: 'photo.png',
    dataBase64: PNG_BYTES.toString('base64'),
  });
  await verifyApplicant(app, caller, caseId);
  if (overrides.agent)
    await verifyApplicant(app, caller, caseId, {
      role: 'agent',
      person: { name: overrides.agent.name, idType: overrides.agent.idType, idNumber: overrides.agent.idNumber },
    });
  const d = await callOk(app, caller, 'intake:accept', {
    application: socialSecurityCardApplication(caseId, overrides),
  });
  return { caseId, documentNo: d.documentNo };
}

/** A 不予受理 case (marriage registration through an agent). */
export async function rejectCase(app: TestApp, caller: string): Promise<{ caseId: string; documentNo: string }> {
  const { caseId } = await callOk(app, caller, 'drafts:create', {});
  const d = await callOk(app, caller, 'intake:reject', {
    application: marriageByAgent(caseId),
    reason: '婚姻登记须当事人双方亲自到场办理，不得委托他人代办。',
  });
  return { caseId, documentNo: d.documentNo };
}

const MATTERS = [
  ['CQ-KSTB-0001', '社会保障卡申领', 'FIRST', '首次申领'],
  ['CQ-KSTB-0002', '异地就医登记备案', 'LONG-STAY', '异地长期居住人员'],
  ['CQ-KSTB-0003', '企业职工基本养老保险关系转移接续', 'TRANSFER-IN', '转入'],
  ['CQ-KSTB-0005', '户口迁移', 'SPOUSE', '夫妻投靠'],
  ['CQ-KSTB-0006', '住房公积金异地转移接续', 'TRANSFER-IN', '转入'],
] as const;
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const GIVEN = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军'];
const DEPT = [null, 'received', 'reviewing', 'approved', 'result-mailed'] as const;

/** A valid-looking 18-digit ID number for seeded person `n`. */
export function seededIdNumber(n: number): string {
  const body = `500101${1960 + (n % 40)}${String(1 + (n % 12)).padStart(2, '0')}${String(1 + (n % 28)).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`;
  return body + id18CheckChar(body);
}

/**
 * Inserts `count` decided cases on `date` for `clerkId` (one transaction, real schema): mixed
 * matters and outcomes, sync and department states, some waybills. Returns how many.
 */
export function seedDay(
  db: Database.Database,
  opts: { date: string; count: number; clerkId: number; windowCode?: string; firstSequence?: number },
): number {
  const windowCode = opts.windowCode ?? '50010112';
  const dayStart = Date.parse(chinaDayStartIso(opts.date)) + 8.5 * 3_600_000;
  const insert =
    db.prepare(`INSERT INTO cases (case_id, outcome, receipt_no, notice_no, business_date, started_at, decided_at, clerk_id, window_code,
      catalogue_version, matter_code, matter_name, situation_code, situation_name, locality_division, department_id, department_name, mode,
      applicant_name, applicant_id_type, applicant_id_number, applicant_phone, agent_name, agent_id_number, agent_relationship, promised_days,
      application, missing, reject_reason, sync_state, department_no, dept_status)
    VALUES (@caseId, @outcome, @receiptNo, @noticeNo, @date, @startedAt, @decidedAt, @clerkId, @windowCode, 'seed', @matterCode, @matterName,
      @situationCode, @situationName, '510104', 'DEPT-510104', '成都市锦江区人力资源和社会保障局', @mode, @name, 'resident-id', @idNumber, '13800138000',
      @agentName, @agentId, @agentRel, 20, '{}', NULL, NULL, @syncState, @departmentNo, @deptStatus)`);
  const waybill =
    db.prepare(`INSERT INTO waybills (waybill_no, case_id, direction, number_source, sender_name, sender_phone, sender_address, recipient_name,
      recipient_phone, recipient_address, contents, pieces, weight_grams, payment, state, created_by, created_at, sent_at, updated_at)
    VALUES (?, ?, 'materials-to-locality', 'manual', '万州区政务服务中心', '023-58221234', '重庆市万州区', '锦江区人社局', '028-12345678', '成都市锦江区', 'official-documents', 1, 200, 'government-paid', 'sent', ?, ?, ?, ?)`);
  db.transaction(() => {
    for (let i = 0; i < opts.count; i++) {
      const seq = (opts.firstSequence ?? 1) + i;
      const [matterCode, matterName, situationCode, situationName] = MATTERS[
        i % MATTERS.length
      ] as (typeof MATTERS)[number];
      const outcome = i % 10 === 7 ? 'incomplete' : i % 25 === 3 ? 'rejected' : 'accepted';
      const decided = dayStart + Math.floor((i * 8 * 3_600_000) / Math.max(1, opts.count));
      const started = decided - (300 + (i % 900)) * 1000;
      const docNo = formatReceiptNumber({ windowCode, date: opts.date, sequence: seq });
      const proxy = i % 6 === 0;
      const dept = outcome === 'accepted' ? (DEPT[i % DEPT.length] ?? null) : null;
      const caseId = uuidv7(decided);
      insert.run({
        caseId,
        outcome,
        receiptNo: outcome === 'accepted' ? docNo : null,
        noticeNo: outcome === 'accepted' ? null : docNo,
        date: opts.date,
        startedAt: new Date(started).toISOString(),
        decidedAt: new Date(decided).toISOString(),
        clerkId: opts.clerkId,
        windowCode,
        matterCode,
        matterName,
        situationCode,
        situationName,
        mode: proxy ? 'proxy' : 'self',
        name: `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i >> 3) % GIVEN.length]}`,
        idNumber: seededIdNumber(seq),
        agentName: proxy ? '李四' : null,
        agentId: proxy ? '500228198512310021' : null,
        agentRel: proxy ? '朋友' : null,
        syncState: outcome !== 'accepted' ? 'local' : dept ? 'delivered' : 'local',
        departmentNo: dept ? `JJ${opts.date.replace(/-/g, '')}${String(seq).padStart(5, '0')}` : null,
        deptStatus: dept,
      });
      if (outcome === 'accepted' && i % 4 === 0) {
        const at = new Date(decided).toISOString();
        waybill.run(
          `11${String(seq).padStart(8, '0')}${opts.date.slice(8)}CN`.slice(0, 13),
          caseId,
          opts.clerkId,
          at,
          at,
          at,
        );
      }
    }
  })();
  return opts.count;
}
