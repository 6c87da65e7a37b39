// The 一次性告知 button (src-renderer/features/intake) and the main process's intake:notifyIncomplete
// follow one rule (src-main/common/cases/notice-items.ts): for every application the button offers a
// notice exactly when the main process issues one, listing exactly the items the notice prints.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationInput } from '@tongban/protocol/cases/application';
import { findSituation } from '../../src-main/cases/catalogue-source';
import { socialSecurityCardApplication, verifyApplicant } from '../../src-main/cases/testing/intake-fixtures';
import { callOk } from '../../src-main/testing/call';
import { createUser, initialised, testApp, type TestApp } from '../../src-main/testing/test-app';
import { canIssueNotice, noticeItems } from '../../src-renderer/features/intake/check';

let app: TestApp;
const CALLER = 'clerk';

beforeAll(async () => {
  app = await testApp();
  const admin = await initialised(app);
  await createUser(app, admin, 'clerk1', 'clerk');
  const r = await app.call(CALLER, 'auth:login', { username: 'clerk1', password: 'Passw0rd!' }, 0);
  if (!r.ok) throw new Error('login failed');
});
afterAll(() => app?.dispose());

async function newCase(): Promise<string> {
  const { caseId } = await callOk(app, CALLER, 'drafts:create', {});
  await verifyApplicant(app, CALLER, caseId);
  return caseId;
}

const VARIANTS: [string, (caseId: string) => ApplicationInput][] = [
  [
    'materials missing',
    (id) => socialSecurityCardApplication(id, { materials: [{ code: 'ID-DOC', handling: 'seen-returned', pages: 1 }] }),
  ],
  ['a gap in the situation’s form', (id) => socialSecurityCardApplication(id, { form: {} })],
  ['form gap and materials missing', (id) => socialSecurityCardApplication(id, { form: {}, materials: [] })],
  ['a wrong locality (not a notice item)', (id) => socialSecurityCardApplication(id, { localityDivision: '999999' })],
  [
    'a wrong locality and materials missing',
    (id) => socialSecurityCardApplication(id, { localityDivision: '999999', materials: [] }),
  ],
  ['nothing missing', (id) => socialSecurityCardApplication(id)],
];

describe('the 一次性告知 rule', () => {
  it.each(VARIANTS)('button and main process agree: %s', async (_name, build) => {
    const caseId = await newCase();
    const application = build(caseId);
    // What the review step decides from: the main process's own check result (merged into the local one).
    const result = await callOk(app, CALLER, 'intake:check', { application });
    const found = findSituation(app.services.catalogue, application.matterCode, application.situationCode);
    if (!found) throw new Error('situation not in the catalogue');
    const offered = canIssueNotice(result, found.situation);

    const issued = await app.call(CALLER, 'intake:notifyIncomplete', { application }, 0);
    expect(issued.ok).toBe(offered);
    if (issued.ok) {
      expect(issued.value).toMatchObject({ missing: noticeItems(result, found.situation) });
    } else {
      expect(['formal-check-failed', 'nothing-missing']).toContain(issued.error.code);
    }
  });
});
