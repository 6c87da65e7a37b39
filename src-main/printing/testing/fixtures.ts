// Test support: a real app on a temporary SQLite file with a signed-in clerk and real decided cases.
import { expect } from 'vitest';
import { createUser, initialised, testApp, type TestApp } from '../../testing/test-app';
import type { ApplicationInput } from '@tongban/protocol/cases/application';
import { DEFAULT_PRINT_SETTINGS, type PrintSettings } from '@common/printing/print-settings';
import {
  marriageByAgent,
  PNG_BYTES,
  socialSecurityCardApplication,
  verifyApplicant,
} from '../../cases/testing/intake-fixtures';

/** An app with an administrator and a clerk signed in. */
export interface PrintingTestApp {
  app: TestApp;
  admin: string;
  clerk: string;
  dispose(): Promise<void>;
}

/** Builds the app and signs in `admin` and `clerk1` (callers 'test:admin' and 'clerk'). */
export async function printingApp(options: { isTrainingMode?: () => boolean } = {}): Promise<PrintingTestApp> {
  const app = await testApp(options);
  const admin = await initialised(app);
  // A name as on a real 收件凭证 (the documents print the clerk's display name, not the account).
  await createUser(app, admin, 'clerk1', 'clerk', '李晓梅');
  const login = await app.call('clerk', 'auth:login', { username: 'clerk1', password: 'Passw0rd!' }, 0);
  if (!login.ok) throw new Error('clerk login failed');
  return {
    app,
    admin,
    clerk: 'clerk',
    dispose: async () => {
      await app.services.printing.close();
      app.dispose();
    },
  };
}

/** Calls a command and fails the test unless it succeeds. */
export async function ok<T>(app: TestApp, caller: string, name: string, input: unknown): Promise<T> {
  const r = await app.call(caller, name, input, JSON.stringify(input ?? {}).length);
  if (!r.ok) throw new Error(`${name} failed: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

/** A draft with the applicant (and agent) verified at the window, as a decision requires. */
async function draft(app: TestApp, caller: string, photo = true, agent?: ApplicationInput['agent']): Promise<string> {
  const { caseId } = await ok<{ caseId: string }>(app, caller, 'drafts:create', {});
  if (photo)
    await ok(app, caller, 'attachments:add', {
      caseId,
      materialCode: 'PHOTO',
      fileName: 'photo.png',
      dataBase64: PNG_BYTES.toString('base64'),
    });
  await verifyApplicant(app, caller, caseId);
  if (agent)
    await verifyApplicant(app, caller, caseId, {
      role: 'agent',
      person: { name: agent.name, idType: agent.idType, idNumber: agent.idNumber },
    });
  return caseId;
}

/** Accepts a 社会保障卡申领 case (overrides for agent, delivery…); returns its id and receipt number. */
export async function acceptedCase(
  app: TestApp,
  caller: string,
  overrides: Partial<ApplicationInput> = {},
): Promise<{ caseId: string; documentNo: string }> {
  const caseId = await draft(app, caller, true, overrides.agent);
  const d = await ok<{ documentNo: string }>(app, caller, 'intake:accept', {
    application: socialSecurityCardApplication(caseId, overrides),
  });
  return { caseId, documentNo: d.documentNo };
}

/** A 待补齐 case missing the photo and the application form. */
export async function incompleteCase(app: TestApp, caller: string): Promise<{ caseId: string; documentNo: string }> {
  const caseId = await draft(app, caller, false);
  const application = socialSecurityCardApplication(caseId, {
    materials: [{ code: 'ID-DOC', handling: 'seen-returned', pages: 1 }],
  });
  const d = await ok<{ documentNo: string; missing: unknown[] }>(app, caller, 'intake:notifyIncomplete', {
    application,
  });
  expect(d.missing.length).toBeGreaterThan(1);
  return { caseId, documentNo: d.documentNo };
}

/** A 不予受理 case (marriage registration through an agent, which the matter forbids). */
export async function rejectedCase(app: TestApp, caller: string): Promise<{ caseId: string; documentNo: string }> {
  const caseId = await draft(app, caller, false, marriageByAgent('00000000-0000-7000-8000-000000000000').agent);
  const d = await ok<{ documentNo: string }>(app, caller, 'intake:reject', {
    application: marriageByAgent(caseId),
    reason: '婚姻登记须当事人双方亲自到场办理，不得委托他人代办。',
  });
  return { caseId, documentNo: d.documentNo };
}

/** A configured 好差评 address for tests (never contacted). */
export const TEST_RATING_URL = 'https://hcp.cq.gov.cn/rate?window={windowCode}&doc={documentNo}';

/** Saves print settings (defaults plus changes) as the administrator. */
export async function configure(
  t: PrintingTestApp,
  change: {
    printers?: Partial<PrintSettings['printers']>;
    documents?: Partial<PrintSettings['documents']>;
    lowWatermark?: number;
  },
): Promise<PrintSettings> {
  const next: PrintSettings = {
    printers: { ...DEFAULT_PRINT_SETTINGS.printers, ...change.printers },
    documents: {
      ...DEFAULT_PRINT_SETTINGS.documents,
      hallAddress: '重庆市万州区北山大道1000号',
      hallPhone: '023-58221234',
      // A hall's own 好差评 page (the shipped placeholder is refused outside 培训模式).
      ratingUrl: TEST_RATING_URL,
      ...change.documents,
    },
    waybillPool: { lowWatermark: change.lowWatermark ?? 3 },
  };
  return ok<PrintSettings>(t.app, t.admin, 'printers:update', next);
}
