// 显示完整号码 (issue #15): the case page shows ID numbers masked; a reviewer's POST (with the session's CSRF
// token) shows one in full and writes an audit row (who, which case, when); other departments, forged
// requests and signed-out browsers get nothing and leave no row.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows } from '../audit';
import { Browser } from '../testing/browser';
import type { DeviceClient } from '../testing/device-client';
import { testFile, testManifest } from '../testing/fixtures';
import { startTestGateway, type TestGateway } from '../testing/harness';
import { addReviewer } from './repo';

const SC = '510000';
const FULL = '500101199003070014';
const AGENT_ID = '500101198001010016';
let t: TestGateway;
let device: DeviceClient;
let caseId: string;

beforeAll(async () => {
  t = await startTestGateway();
  device = await t.device(SC);
  await addReviewer(t.pool, 'psb7', 'correct horse 7x', 'SC-CD-PSB');
  await addReviewer(t.pool, 'civil7', 'correct horse 8x', 'SC-CD-CIVIL');
  const file = testFile(400);
  const agent = {
    name: '李四',
    idType: 'resident-id' as const,
    idNumber: AGENT_ID,
    phone: '',
    address: '',
    relationship: '子女',
  };
  const m = testManifest(SC, [file], { agent, mode: 'proxy' });
  expect((await device.putCase(m)).status).toBe(201);
  expect((await device.putAttachment(m.caseId, file.slot.attachmentId, file.bytes)).status).toBe(201);
  caseId = m.caseId;
});
afterAll(async () => t?.close());

describe('显示完整号码', () => {
  it('masked by default; the button shows the applicant’s number to this reviewer, audited', async () => {
    const psb = new Browser(t.url);
    await psb.login('psb7', 'correct horse 7x');
    const page = await psb.go('GET', `/dept/cases/${caseId}`);
    expect(page.html).not.toContain(FULL);
    expect(page.html).not.toContain(AGENT_ID);
    expect(page.html).toContain('<span class="id-masked">5001**********0014</span>');
    expect(page.html).toContain(`<form class="reveal" method="post" action="/dept/cases/${caseId}/reveal-id">`);
    expect(page.html.match(/显示完整号码<\/button>/g)).toHaveLength(2); // applicant and agent

    const before = Date.now();
    const shown = await psb.go('POST', `/dept/cases/${caseId}/reveal-id`, {
      _csrf: psb.csrf(page.html),
      person: 'applicant',
    });
    expect(shown.status).toBe(200);
    expect(shown.headers.get('cache-control')).toBe('no-store');
    expect(shown.html).toContain(`<span class="id-full">${FULL}</span>`);
    expect(shown.html).not.toContain(AGENT_ID); // only the one asked for
    const rows = await auditRows(t.pool, 'dept.id-revealed');
    expect(rows).toEqual([
      {
        actor: 'psb7',
        target: `case:${caseId}`,
        details: { reviewerId: expect.any(Number), departmentId: 'SC-CD-PSB', person: 'applicant' },
      },
    ]);
    const { rows: at } = await t.pool.query<{ at: Date }>(
      "SELECT at FROM gateway_audit WHERE action = 'dept.id-revealed'",
    );
    expect(at[0]?.at.getTime()).toBeGreaterThanOrEqual(before - 5_000);
    expect(JSON.stringify(rows)).not.toContain(FULL); // the audit says who looked, not what they saw

    // The next plain visit is masked again.
    expect((await psb.go('GET', `/dept/cases/${caseId}`)).html).not.toContain(FULL);
  });

  it('another department, a forged token, a signed-out browser and a bad person get nothing and leave no row', async () => {
    const before = (await auditRows(t.pool, 'dept.id-revealed')).length;
    const civil = new Browser(t.url);
    await civil.login('civil7', 'correct horse 8x');
    const list = await civil.go('GET', '/dept/cases');
    const foreign = await civil.go('POST', `/dept/cases/${caseId}/reveal-id`, {
      _csrf: civil.csrf(list.html),
      person: 'applicant',
    });
    expect(foreign.status).toBe(404);
    expect(foreign.html).not.toContain(FULL);

    const psb = new Browser(t.url);
    await psb.login('psb7', 'correct horse 7x');
    const forged = await psb.go('POST', `/dept/cases/${caseId}/reveal-id`, { _csrf: 'forged', person: 'applicant' });
    expect(forged.status).toBe(403);
    const page = await psb.go('GET', `/dept/cases/${caseId}`);
    const bad = await psb.go('POST', `/dept/cases/${caseId}/reveal-id`, {
      _csrf: psb.csrf(page.html),
      person: 'clerk',
    });
    expect(bad.status).toBe(404);

    const anonymous = await new Browser(t.url).go('POST', `/dept/cases/${caseId}/reveal-id`, { person: 'applicant' });
    expect(anonymous.status).toBe(401);
    for (const res of [forged, bad, anonymous]) expect(res.html).not.toContain(FULL);
    expect(await auditRows(t.pool, 'dept.id-revealed')).toHaveLength(before);
  });
});
