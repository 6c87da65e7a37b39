// 电子签名 end to end (issue #12): a 代办 case; the applicant signs the 授权委托书 and the agent signs the form
// and the undertaking on the paired customer display (strokes drawn with the mouse); the printed 授权委托书 carries
// both signatures; the applicant's identity is checked by 人证比对 after the PIPL notice was agreed on the same
// customer display; the case reaches the department, whose page shows the face score with "人像哈希已核验" and
// the signatures with "签名绑定已核验".
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { LIVE_VARIATIONS, liveFrame, SAMPLE_PEOPLE } from '../src-main/identity/face/testing/face-samples';
import { CARD_PEOPLE } from '../src-main/identity/face/testing/make-card-photos';
import { watchConsole } from './support/console-guard';
import { expect, test } from './support/fixtures';
import {
  addReviewer,
  freePort,
  issueCode,
  queryGateway,
  startGateway,
  startTestPostgres,
  type GatewayProcess,
  type TestPostgres,
} from './support/gateway';
import { COUNTER_CLERK, PNG_BYTES } from './support/intake';
import { callFromPage, completeFirstRun, HALL, saveScreenshot, signIn, signOut } from './support/steps';
import { openCustomerDisplay } from './support/supervisor';

const WINDOW_CODE = '50010303';
const REVIEWER = { username: 'sig-reviewer', password: 'Review2026ok' };
const AGENT = {
  name: '李四',
  idType: 'resident-id',
  idNumber: '500228198512310021',
  phone: '13900139000',
  address: '',
  relationship: '配偶',
};

let db: TestPostgres | null = null;
let gateway: GatewayProcess | null = null;
test.afterAll(async () => {
  await gateway?.stop();
  await db?.stop();
});

/** A value of a command the test needs to succeed. */
async function ok<T>(page: Page, command: string, input: unknown = {}): Promise<T> {
  const r = await callFromPage(page, command, input);
  expect(r, `${command}: ${JSON.stringify(r.error)}`).toMatchObject({ ok: true });
  return r.value as T;
}

/** Writes a signature-like scribble into the signature box with the mouse (two strokes). */
async function drawSignature(screen: Page): Promise<void> {
  const box = (await screen.getByTestId('signature-pad').boundingBox())!;
  const strokes = [
    [0.12, 0.6, 0.22, 0.25, 0.3, 0.7, 0.38, 0.3, 0.45, 0.65],
    [0.52, 0.35, 0.6, 0.7, 0.7, 0.3, 0.8, 0.6, 0.88, 0.4],
  ];
  for (const s of strokes) {
    await screen.mouse.move(box.x + box.width * s[0]!, box.y + box.height * s[1]!);
    await screen.mouse.down();
    for (let i = 2; i < s.length; i += 2)
      await screen.mouse.move(box.x + box.width * s[i]!, box.y + box.height * s[i + 1]!, { steps: 8 });
    await screen.mouse.up();
  }
}

test('代办: applicant and agent sign on the customer display; the 授权委托书 and the department page show the signatures', async ({
  app: page,
  browser,
}) => {
  test.setTimeout(300_000);
  // First run before PostgreSQL and the gateway start: on a busy machine their start-up would slow the UI steps.
  // The first paint itself can take longer than the steps' 10 s on a busy CI machine (as in face-match.spec).
  await expect(page.getByRole('heading', { name: '首次使用：初始化本窗口' })).toBeVisible({ timeout: 60_000 });
  await completeFirstRun(page);
  const pgdb = (db = await startTestPostgres());
  const port = await freePort();
  gateway = await startGateway(pgdb.url, port);
  const gatewayUrl = `http://127.0.0.1:${port}`;
  await ok(page, 'sync:configure', { gatewayUrl, code: await issueCode(pgdb.url, WINDOW_CODE, HALL.divisionCode) });
  const reader = await ok<{ reader: object }>(page, 'identity:getSettings');
  await ok(page, 'identity:updateSettings', { ...reader, reader: { ...reader.reader, driver: 'simulated' } });
  await ok(page, 'users:create', COUNTER_CLERK);
  await signOut(page);
  await signIn(page, COUNTER_CLERK.username, COUNTER_CLERK.password, COUNTER_CLERK.displayName);

  // The 代办 case as the wizard sends it: 社会保障卡申领 for 张三, filed by his spouse 李四.
  const { caseId } = await ok<{ caseId: string }>(page, 'drafts:create');
  await ok(page, 'attachments:add', {
    caseId,
    materialCode: 'PHOTO',
    fileName: 'photo.png',
    dataBase64: PNG_BYTES.toString('base64'),
  });
  await ok(page, 'identity:verify', {
    caseId,
    role: 'agent',
    method: 'manual',
    manualReason: '已核对居民身份证原件',
    person: { name: AGENT.name, idType: AGENT.idType, idNumber: AGENT.idNumber },
    confirmedMatch: true,
  });
  const application = {
    caseId,
    matterCode: 'CQ-KSTB-0001',
    situationCode: 'FIRST',
    localityDivision: '510104',
    mode: 'proxy',
    applicant: {
      name: '张三',
      idType: 'resident-id',
      idNumber: '500101199003070014',
      phone: '13800138000',
      address: '重庆市万州区白岩路1号',
    },
    agent: AGENT,
    form: { insuredDivision: '510104' },
    materials: [
      { code: 'ID-DOC', handling: 'seen-returned', pages: 1 },
      { code: 'PHOTO', handling: 'electronic', pages: 1 },
      { code: 'APPLY-FORM', handling: 'kept-to-mail', pages: 2 },
      { code: 'AGENT-AUTH', handling: 'kept-to-mail', pages: 1 },
      { code: 'AGENT-ID', handling: 'seen-returned', pages: 1 },
      { code: 'RELATION-PROOF', handling: 'copy', pages: 1 },
    ],
    delivery: 'window',
    deliveryAddress: '',
  };

  let screen: Page | null = null;
  await test.step('人证比对 for the applicant after the notice was agreed on the paired customer display', async () => {
    await ok(page, 'reader:placeSimulatedCard', { cardId: 'zhangsan-adult' });
    const read = await ok<{ readId: string; idType: string; card: { name: string; idNumber: string } }>(
      page,
      'reader:read',
    );
    const notice = await ok<{ noticeId: string; ticket: string }>(page, 'identity:openFaceNotice', {
      caseId,
      role: 'applicant',
    });
    // Browser host: the signed-in clerk page pairs the customer display once (decision 0117), as for 好差评.
    const pairing = await page.evaluate(async () => {
      const res = await fetch('/api/customer-screen/pair', { method: 'POST', credentials: 'same-origin' });
      return (await res.json()) as { url: string };
    });
    screen = await openCustomerDisplay(browser, `${pairing.url}#/face-notice?ticket=${notice.ticket}`);
    await screen.getByRole('button', { name: '同意拍摄' }).click();
    await expect(screen.getByText('您已同意，请面向窗口摄像头')).toBeVisible();
    const person = SAMPLE_PEOPLE.find((p) => p.id === CARD_PEOPLE['zhangsan-adult']);
    const frame = liveFrame(person!, LIVE_VARIATIONS[0]!);
    const v = await ok<{ result: string }>(page, 'identity:faceMatch', {
      caseId,
      role: 'applicant',
      readId: read.readId,
      person: { name: read.card.name, idType: read.idType, idNumber: read.card.idNumber },
      frame: { mediaType: 'image/jpeg', base64: frame.toString('base64') },
      noticeShown: true,
      noticeId: notice.noticeId,
    });
    expect(v.result).toBe('pass');
  });

  await test.step('the applicant signs the 授权委托书 on the paired customer display', async () => {
    const { ticket } = await ok<{ ticket: string }>(page, 'signatures:open', { application, signer: 'applicant' });
    await screen!.goto(`${new URL(screen!.url()).origin}/#/sign?ticket=${ticket}`);
    const guard = watchConsole(screen!);
    await expect(screen!.getByRole('heading', { name: '请阅读并签名确认' })).toBeVisible();
    await expect(screen!.getByText('签名人：申请人 张三')).toBeVisible();
    await expect(screen!.getByText(/【授权委托书】/)).toBeVisible();
    await expect(screen!.getByText(/受托人（代办人）：李四/)).toBeVisible();
    await expect(screen!.getByText(/500101199003070014/)).toHaveCount(0);
    await screen!.getByRole('button', { name: '确认签名' }).click();
    await expect(screen!.getByText('请先在签名框内签名')).toBeVisible();
    await drawSignature(screen!);
    await saveScreenshot(screen!, 'e-signature-1-customer-screen');
    await screen!.getByRole('button', { name: '确认签名' }).click();
    await expect(screen!.getByText('签名已提交')).toBeVisible();
    expect(guard.problems).toEqual([]);
  });

  await test.step('the agent signs the form confirmation and the undertaking; 受理', async () => {
    const { ticket } = await ok<{ ticket: string }>(page, 'signatures:open', { application, signer: 'agent' });
    await screen!.goto(`${new URL(screen!.url()).origin}/#/sign?ticket=${ticket}`);
    await expect(screen!.getByText('签名人：代办人 李四')).toBeVisible();
    await expect(screen!.getByText(/【代办人承诺】/)).toBeVisible();
    await drawSignature(screen!);
    await screen!.getByRole('button', { name: '确认签名' }).click();
    await expect(screen!.getByText('签名已提交')).toBeVisible();
    const status = await ok<{ signers: { signer: string; state: string }[] }>(page, 'signatures:status', {
      application,
    });
    expect(status.signers.map((s) => s.state)).toEqual(['valid', 'valid']);
    await ok(page, 'intake:accept', { application });
  });

  await test.step('the 授权委托书 PDF carries both signatures', async () => {
    const pdf = await ok<{ pdfBase64: string }>(page, 'print:preview', {
      caseId,
      kind: 'power-of-attorney',
      format: 'a4',
      as: 'pdf',
    });
    const dir = mkdtempSync(join(tmpdir(), 'esign-'));
    const file = join(dir, 'poa.pdf');
    writeFileSync(file, Buffer.from(pdf.pdfBase64, 'base64'));
    // pdftotext breaks lines where the layout does: compare without whitespace.
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    for (const expected of [
      '授权委托书',
      '委托人（申请人）：张三',
      '受托人（代办人）：李四',
      '委托人（签名）：',
      '受托人（签名）：',
    ])
      expect(text).toContain(expected);
    // Two signature images (besides the seal): pdfimages lists the embedded PNGs.
    const images = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(images.length).toBeGreaterThanOrEqual(2);
    execFileSync('pdftoppm', [
      '-r',
      '60',
      '-png',
      '-singlefile',
      file,
      join('test-results', 'screenshots', 'e-signature-2-power-of-attorney'),
    ]);
  });

  await test.step('the department page shows the face score and both signatures, bindings verified', async () => {
    await expect(async () => {
      await ok(page, 'sync:now');
      const rows = await queryGateway<{ department_id: string }>(
        pgdb.url,
        'SELECT department_id FROM cases WHERE case_id = $1',
        [caseId],
      );
      expect(rows).toHaveLength(1);
    }).toPass({ timeout: 40_000, intervals: [500, 1_000, 2_000] });
    const [row] = await queryGateway<{ department_id: string }>(
      pgdb.url,
      'SELECT department_id FROM cases WHERE case_id = $1',
      [caseId],
    );
    await addReviewer(pgdb.url, REVIEWER.username, REVIEWER.password, row!.department_id);
    const dept = await page.context().newPage();
    await dept.goto(`${gatewayUrl}/dept/login`);
    await dept.getByLabel('用户名').fill(REVIEWER.username);
    await dept.getByLabel('密码').fill(REVIEWER.password);
    await dept.getByRole('button', { name: '登录' }).click();
    await dept.goto(`${gatewayUrl}/dept/cases/${caseId}`);
    await expect(dept.getByRole('heading', { name: '人证比对' })).toBeVisible();
    const face = dept.locator('section.face-block');
    await expect(face.getByRole('heading', { name: '申请人：人证一致' })).toBeVisible();
    await expect(face).toContainText('人像哈希已核验');
    await expect(face.locator('dd').first()).toHaveText(/^0\.[6-9]\d*$/);
    await expect(face).toContainText('0.66');
    expect(await face.locator('img.face-frame').evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(640);
    await expect(dept.getByRole('heading', { name: '电子签名' })).toBeVisible();
    await expect(dept.getByText('签名绑定已核验')).toHaveCount(2);
    await expect(dept.getByText(/签名绑定核验未通过/)).toHaveCount(0);
    for (const img of await dept.locator('img.signature').all())
      expect(await img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(50);
    await saveScreenshot(dept, 'e-signature-3-department');
  });
});
