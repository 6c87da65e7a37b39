// 扫码核验 and the 取件码 on real parts: the window prints a 收件凭证 as a PDF (real Chromium), zbarimg reads
// its QR code from the rendered page, and the address is fetched from the real gateway on a real
// PostgreSQL — before the case synced (文书尚未上报) and after (the verified page, the PDF check).
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueEnrolmentCode } from '../../gateway/src/devices/repo';
import { startGateway, type RunningGateway } from '../../gateway/src/server';
import { startTestGateway, type TestGateway } from '../../gateway/src/testing/harness';
import { addReviewer } from '../../gateway/src/department/repo';
import { Browser } from '../../gateway/src/testing/browser';
import { mod3736CheckChar } from '@tongban/protocol/validators/check-digits';
import { parseVerifyUrl } from '@tongban/protocol/verify/url';
import type { PrintResult } from '@common/printing/documents';
import {
  acceptedCase,
  configure,
  ok,
  printingApp,
  type PrintingTestApp,
} from '../../src-main/printing/testing/fixtures';
import { HAS_ZBAR, pdfText, scanBarcodes } from '../../src-main/printing/testing/pdf-tools';
import { CHROMIUM_ARGS } from '../../src-main/printing/drivers/playwright-chromium';

const SHOTS = resolve(__dirname, '..', '..', 'test-results', 'screenshots');

let gw: TestGateway;
let t: PrintingTestApp;
let doc: { caseId: string; documentNo: string };
let pdfFile = '';
let scanned = { base: '', documentNo: '', token: '' };

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const post = (url: string, form: Record<string, string>) =>
  fetch(url, { method: 'POST', body: new URLSearchParams(form), redirect: 'manual' });
const check = (no: string, token: string, bytes: Buffer) =>
  fetch(`${gw.url}/v/${no}/check`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', 'x-verify-token': token },
    body: new Uint8Array(bytes),
  });

beforeAll(async () => {
  gw = await startTestGateway({ verifyPerMinute: 10_000 });
  t = await printingApp();
  await configure(t, { printers: { a4: 'pdf', label: 'pdf' } });
  const { code } = await issueEnrolmentCode(gw.pool, '50010112', '500101', 1);
  await ok(t.app, t.admin, 'sync:configure', { gatewayUrl: gw.url, code });
  doc = await acceptedCase(t.app, t.clerk, { delivery: 'online' });
  const printed = await ok<PrintResult>(t.app, t.clerk, 'print:document', {
    caseId: doc.caseId,
    kind: 'acceptance-receipt',
    format: 'a4',
  });
  pdfFile = printed.pdfPath as string;
}, 120_000);

afterAll(async () => {
  await t?.dispose();
  await gw?.close();
});

let reviewer: Browser;

/** The reviewer takes the case up, uploads the result PDF as the page's script does, and approves; returns its SHA-256. */
async function decideWithResult(pdf: Buffer): Promise<string> {
  const { rows } = await gw.pool.query<{ department_id: string }>(
    'SELECT department_id FROM cases WHERE case_id = $1',
    [doc.caseId],
  );
  await addReviewer(gw.pool, 'reviewer1', 'correct horse 9', rows[0]!.department_id);
  reviewer = new Browser(gw.url);
  expect((await reviewer.login('reviewer1', 'correct horse 9')).status).toBe(303);
  const casePath = `/dept/cases/${doc.caseId}`;
  let page = await reviewer.go('GET', casePath);
  expect(
    (await reviewer.go('POST', `${casePath}/actions/review`, { _csrf: reviewer.csrf(page.html), caseVersion: '1' }))
      .status,
  ).toBe(303);
  page = await reviewer.go('GET', casePath);
  expect(page.html).toContain('id="result-approve"');
  expect(page.html).toContain('<script src="/dept/result.js"></script>');
  const upload = (body: Buffer, csrf: string) =>
    fetch(`${gw.url}${casePath}/result`, {
      method: 'POST',
      headers: {
        cookie: reviewer.cookieHeader(),
        'content-type': 'application/octet-stream',
        'x-csrf-token': csrf,
        'x-file-name': encodeURIComponent('准予许可决定书.pdf'),
      },
      body: new Uint8Array(body),
    });
  expect((await upload(pdf, 'forged')).status).toBe(403);
  expect((await upload(Buffer.from('not a pdf'), reviewer.csrf(page.html))).status).toBe(400);
  const ok = await upload(pdf, reviewer.csrf(page.html));
  expect(ok.status).toBe(200);
  const { sha256: sha } = (await ok.json()) as { sha256: string };
  const approved = await reviewer.go('POST', `${casePath}/actions/approve`, {
    _csrf: reviewer.csrf(page.html),
    caseVersion: '2',
  });
  expect(approved.status).toBe(303);
  // The decision's status event carries the result to the window (the status feed).
  const events = await gw.pool.query<{ details: { result?: { sha256: string; fileName: string } } }>(
    "SELECT details FROM status_events WHERE case_id = $1 AND status = 'approved'",
    [doc.caseId],
  );
  expect(events.rows[0]?.details.result).toMatchObject({ sha256: sha, fileName: '准予许可决定书.pdf' });
  page = await reviewer.go('GET', casePath);
  expect(page.html).toContain(sha);
  return sha;
}

describe.skipIf(!HAS_ZBAR)('扫码核验', () => {
  it('the 收件凭证 QR code, read by zbarimg from the rendered PDF, is the gateway address of the document', () => {
    const codes = scanBarcodes(pdfFile, 150).filter((c) => c.startsWith('QR-Code:'));
    const url = codes.map((c) => c.slice('QR-Code:'.length)).find((c) => c.includes('/v/'));
    expect(url, codes.join('\n')).toBeDefined();
    const parsed = parseVerifyUrl(url as string);
    expect(parsed).toMatchObject({ base: gw.url, documentNo: doc.documentNo });
    scanned = parsed as typeof scanned;
    // 网络送达: the receipt prints the 取件码 and the choice.
    const text = pdfText(pdfFile).replace(/\s+/g, '');
    expect(text).toContain('网络送达');
    expect(text).toContain(t.app.services.printing.qr.pickupCode(doc.documentNo));
  });

  it('before the case has synced the page says 文书尚未上报; after the sync it shows the document and its status', async () => {
    const page = await fetch(`${gw.url}/v/${scanned.documentNo}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('id="token-form"');
    const early = await post(`${gw.url}/v/${scanned.documentNo}`, { token: scanned.token });
    expect(await early.text()).toContain('文书尚未上报，请稍后再查');

    await t.app.services.sync.syncNow();
    const kinds = t.app.services.db
      .prepare('SELECT kind, state FROM outbox WHERE case_id = ? ORDER BY id')
      .all(doc.caseId) as { kind: string; state: string }[];
    expect(kinds.filter((k) => k.kind === 'document')).toEqual([{ kind: 'document', state: 'done' }]);

    const res = await post(`${gw.url}/v/${scanned.documentNo}`, { token: scanned.token });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('文书真实有效');
    expect(html).toContain('收件凭证');
    expect(html).toContain('<dd id="status">已收件</dd>');
    expect(html).toContain(sha256(readFileSync(pdfFile)));
    expect(html).toContain('取件码');
    // No personal data beyond masked: the full name and ID number never appear.
    const detail = await ok<{ application: { applicant: { name: string } } }>(t.app, t.clerk, 'cases:get', {
      caseId: doc.caseId,
    });
    expect(html).not.toContain(detail.application.applicant.name);
    expect(html).not.toMatch(/\d{17}[\dX]/);
  });

  it('on a phone (real Chromium, 390×844) the scanned address verifies through its script and the PDF check works', async () => {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage({
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 2,
        isMobile: true,
      });
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(`${scanned.base}/v/${scanned.documentNo}#${scanned.token}`);
      await page.getByRole('heading', { name: '✓ 文书真实有效' }).waitFor();
      expect(await page.locator('#status').textContent()).toBe('已收件');
      // The token left the address bar and was never part of a requested URL.
      expect(page.url()).toBe(`${scanned.base}/v/${scanned.documentNo}`);
      expect(requests.some((u) => u.includes(scanned.token))).toBe(false);
      await page.locator('#pdf').setInputFiles(pdfFile);
      await page.getByRole('button', { name: '核对文件' }).click();
      await page.getByText('一致：该 PDF 与窗口出具的电子文件完全相同').waitFor();
      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: join(SHOTS, 'verify-phone.png'), fullPage: true });
    } finally {
      await browser.close();
    }
  });

  it('the upload check accepts the issued PDF and rejects a copy with one byte changed', async () => {
    const bytes = readFileSync(pdfFile);
    const genuine = await check(scanned.documentNo, scanned.token, bytes);
    expect(await genuine.json()).toMatchObject({ genuine: true });
    const tampered = Buffer.from(bytes);
    const at = tampered.indexOf('/Producer');
    const i = at > 0 ? at + 2 : 100;
    tampered[i] = (tampered[i] as number) ^ 0x01;
    const refused = await check(scanned.documentNo, scanned.token, tampered);
    expect(await refused.json()).toMatchObject({ genuine: false, message: expect.stringContaining('不一致') });
  });

  it('a wrong token, or any number guessed at random, gives the same 无法核验 page', async () => {
    const flipped = (scanned.token[0] === 'A' ? 'B' : 'A') + scanned.token.slice(1);
    const wrong = await post(`${gw.url}/v/${scanned.documentNo}`, { token: flipped });
    expect(wrong.status).toBe(404);
    const wrongHtml = await wrong.text();
    expect(wrongHtml).toContain('无法核验');
    for (let i = 0; i < 20; i++) {
      const body = `50010112${'2026' + String(1 + (i % 12)).padStart(2, '0')}15${String(1 + ((i * 7919) % 9999)).padStart(4, '0')}`;
      const no = `${body.slice(0, 8)}-${body.slice(8, 16)}-${body.slice(16)}${mod3736CheckChar(body)}`;
      if (no === scanned.documentNo) continue;
      const token = Buffer.from(createHash('sha512').update(no).digest()).toString('base64url');
      const guess = await post(`${gw.url}/v/${no}`, { token });
      expect(guess.status).toBe(404);
      expect(await guess.text()).toBe(wrongHtml);
    }
    expect((await fetch(`${gw.url}/v/not-a-number`)).status).toBe(404);
    expect((await check(scanned.documentNo, flipped, readFileSync(pdfFile))).status).toBe(404);
  });

  it('网络送达: the result is fetched with the 取件码; a wrong code is refused; every attempt is logged; 5 wrong lock the hour', async () => {
    const url = `${gw.url}/v/${scanned.documentNo}/result`;
    const code = t.app.services.printing.qr.pickupCode(doc.documentNo);
    const wrongCode = code === '00000000' ? '11111111' : '00000000';
    const notReady = await post(url, { token: scanned.token, code });
    expect(notReady.status).toBe(409);
    const sha = await decideWithResult(Buffer.from(readFileSync(pdfFile)));
    // The window learns of it from the status feed and fetches it (checked against the announced SHA-256) to print.
    await t.app.services.sync.syncNow();
    const atWindow = await ok<{ fileName: string; sha256: string; pdfBase64: string }>(t.app, t.clerk, 'cases:result', {
      caseId: doc.caseId,
    });
    expect(atWindow).toMatchObject({ fileName: '准予许可决定书.pdf', sha256: sha });
    expect(sha256(Buffer.from(atWindow.pdfBase64, 'base64'))).toBe(sha);

    const wrong = await post(url, { token: scanned.token, code: wrongCode });
    expect(wrong.status).toBe(403);
    expect(await wrong.text()).toContain('取件码不正确');
    const fetched = await post(url, { token: scanned.token, code });
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await fetched.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(sha256(bytes)).toBe(sha);
    const refused = await post(url, { token: scanned.token.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')), code });
    expect(refused.status).toBe(404);

    for (let i = 0; i < 4; i++) expect((await post(url, { token: scanned.token, code: wrongCode })).status).toBe(403);
    expect((await post(url, { token: scanned.token, code })).status).toBe(429);
    const log = await gw.pool.query<{ ok: boolean }>('SELECT ok FROM result_fetches WHERE case_id = $1 ORDER BY id', [
      doc.caseId,
    ]);
    expect(log.rows.map((r) => r.ok)).toEqual([false, true, false, false, false, false]);
    // Each fetch is on the department's case page.
    const page = await reviewer.go('GET', `/dept/cases/${doc.caseId}`);
    expect(page.html.match(/取件码错误/g)?.length).toBe(5);
    expect(page.html).toContain('已下载');
  });

  it('网络送达 after the retention period: the 取件码 page says the file was deleted (410), no bytes', async () => {
    // As retention leaves a purged case (gateway/src/retention): the result row stays, its bytes are gone.
    await gw.pool.query('UPDATE case_results SET pdf = NULL, purged_at = now() WHERE case_id = $1', [doc.caseId]);
    await gw.pool.query('DELETE FROM result_fetches WHERE case_id = $1', [doc.caseId]);
    const code = t.app.services.printing.qr.pickupCode(doc.documentNo);
    const gone = await post(`${gw.url}/v/${scanned.documentNo}/result`, { token: scanned.token, code });
    expect(gone.status).toBe(410);
    expect(gone.headers.get('content-type')).toMatch(/text\/html/);
    expect(await gone.text()).toContain('办理结果文件已超过保存期限并已删除');
    const dept = await reviewer.go('GET', `/dept/cases/${doc.caseId}/result`);
    expect(dept.status).toBe(410);
  });

  it('the public pages are rate-limited per client address', async () => {
    let limited: RunningGateway | null = null;
    try {
      limited = await startGateway({
        databaseUrl: gw.db.url,
        migrationDatabaseUrl: gw.db.migrationUrl,
        verifyPerMinute: 5,
      });
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) statuses.push((await fetch(`${limited.url}/v/${scanned.documentNo}`)).status);
      // A minute boundary may fall inside the loop: at least one of the last two is refused, never the first five in a row.
      expect(statuses.slice(0, 5).filter((s) => s === 200).length).toBeGreaterThanOrEqual(3);
      expect(statuses).toContain(429);
      const last = await fetch(`${limited.url}/v/${scanned.documentNo}`);
      if (last.status === 429) {
        expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(await last.text()).toContain('请求过于频繁');
      }
    } finally {
      await limited?.close();
    }
  });
});
