// 培训模式 through the contract: a separate encrypted folder seeded with sample cases, no sync ever
// (refused at the sync layer, and the engine never contacts a gateway), watermarked printouts, reset.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TRAINING_WATERMARK } from '@common/training';
import { callErr, callOk } from '../testing/call';
import { createUser, initialised, testApp, type TestApp } from '../testing/test-app';
import { pdfText, pdfToPngs } from '../printing/testing/pdf-tools';
import { decodeEscPos } from '../printing/testing/escpos-decoder';
import { startVirtualPrinter, type VirtualPrinter } from '../printing/testing/virtual-printer';
import { DEFAULT_PRINT_SETTINGS } from '@common/printing/print-settings';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';

let t: TestApp | null = null;
let gateway: Server | null = null;
let printer: VirtualPrinter | null = null;
afterEach(async () => {
  await printer?.close();
  printer = null;
  await new Promise((r) => (gateway ? gateway.close(r) : r(null)));
  gateway = null;
  if (t) {
    await t.services.printing.close();
    t.dispose();
  }
  t = null;
});

/** A gateway stand-in that counts every request it receives. */
async function countingGateway(): Promise<{ url: string; requests: () => number }> {
  let n = 0;
  gateway = createServer((_req, res) => {
    n += 1;
    res.writeHead(503).end();
  });
  await new Promise<void>((r) => gateway?.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`, requests: () => n };
}

async function enterTraining(app: TestApp, caller: string, username = 'admin', password = 'Chongqing2026') {
  const info = await callOk(app, caller, 'training:switch', { training: true });
  await callOk(app, caller, 'auth:login', { username, password });
  return info;
}

function writePdf(base64: string, name: string): string {
  const file = join(tmpdir(), `${name}-${process.pid}.pdf`);
  writeFileSync(file, Buffer.from(base64, 'base64'));
  return file;
}

describe('培训模式', () => {
  it('opens a separate encrypted folder with the sample cases, signed in with the live account', async () => {
    t = await testApp();
    const admin = await initialised(t);
    await callOk(t, admin, 'auth:logout', {});
    expect((await callOk(t, 'desk', 'app:info', {})).training).toBe(false);
    const info = await enterTraining(t, 'desk');
    expect(info).toMatchObject({ training: true, initialized: true, hall: { windowCode: '50010112' } });
    const folder = join(t.dataDir, 'training');
    expect(existsSync(join(folder, 'tongban.sqlite'))).toBe(true);
    expect(existsSync(join(folder, 'db.key'))).toBe(true);
    // Encrypted at rest: no SQLite header in clear.
    expect(readFileSync(join(folder, 'tongban.sqlite')).subarray(0, 15).toString()).not.toBe('SQLite format 3');
    const list = await callOk(t, 'desk', 'cases:list', {});
    expect(list.total).toBe(2);
    expect(list.rows.map((c) => c.applicantName).sort()).toEqual(['张三', '李四']);
    expect(list.rows.map((c) => c.outcome).sort()).toEqual(['accepted', 'incomplete']);
    // The live folder holds none of them.
    await callOk(t, 'desk', 'auth:logout', {});
    expect((await callOk(t, 'desk', 'training:switch', { training: false })).training).toBe(false);
    await callOk(t, 'desk', 'auth:login', { username: 'admin', password: 'Chongqing2026' });
    expect((await callOk(t, 'desk', 'cases:list', {})).total).toBe(0);
  });

  it('is refused while someone else is signed in', async () => {
    t = await testApp();
    await initialised(t);
    const err = await callErr(t, 'desk', 'training:switch', { training: true });
    expect(err).toMatchObject({ code: 'conflict', details: { reason: 'others-signed-in' } });
    expect((await callOk(t, 'desk', 'app:info', {})).training).toBe(false);
  });

  it('never syncs: enrolment and sync now are refused and the engine sends nothing, even with a device row', async () => {
    t = await testApp();
    const admin = await initialised(t);
    await callOk(t, admin, 'auth:logout', {});
    await enterTraining(t, 'desk');
    const gw = await countingGateway();
    expect(await callErr(t, 'desk', 'sync:configure', { gatewayUrl: gw.url, code: 'ABCD-EFGH' })).toMatchObject({
      code: 'training-mode',
    });
    expect(await callErr(t, 'desk', 'sync:now', {})).toMatchObject({ code: 'training-mode' });
    // Defence in depth: a device row in the training database (copied in by hand) still sends nothing.
    t.services.sync.repo.saveDevice({
      gatewayUrl: gw.url,
      deviceId: 'dev-1',
      epoch: 1,
      district: '500101',
      publicKey: 'x',
      privateKey: 'x',
      clockOffsetMs: 0,
      enrolledAt: t.clock.now.toISOString(),
      revokedAt: null,
    });
    await t.services.sync.engine.syncNow();
    expect(gw.requests()).toBe(0);
    // The same live window does contact the gateway (the counter works).
    await callOk(t, 'desk', 'auth:logout', {});
    await callOk(t, 'desk', 'training:switch', { training: false });
    await callOk(t, 'desk', 'auth:login', { username: 'admin', password: 'Chongqing2026' });
    await callErr(t, 'desk', 'sync:configure', { gatewayUrl: gw.url, code: 'ABCD-EFGH' });
    expect(gw.requests()).toBeGreaterThan(0);
  });

  it('watermarks every printed document: the A4 PDF and the thermal receipt', async () => {
    t = await testApp();
    const admin = await initialised(t);
    await createUser(t, admin, 'clerk1', 'clerk');
    await callOk(t, admin, 'auth:logout', {});
    await enterTraining(t, 'desk');
    printer = await startVirtualPrinter();
    await callOk(t, 'desk', 'printers:update', {
      ...DEFAULT_PRINT_SETTINGS,
      printers: { ...DEFAULT_PRINT_SETTINGS.printers, thermal: printer.url, thermalWidth: 80 },
      documents: {
        ...DEFAULT_PRINT_SETTINGS.documents,
        hallAddress: '重庆市万州区北山大道1000号',
        hallPhone: '023-58221234',
      },
    });
    await callOk(t, 'clerk', 'auth:login', { username: 'clerk1', password: 'Passw0rd!' });
    const [sample] = (await callOk(t, 'clerk', 'cases:list', { outcome: 'accepted' })).rows;
    const pdf = await callOk(t, 'clerk', 'print:preview', {
      caseId: sample!.caseId,
      kind: 'acceptance-receipt',
      format: 'a4',
      as: 'pdf',
    });
    if (pdf.as !== 'pdf') throw new Error('expected a PDF');
    const file = writePdf(pdf.pdfBase64, 'training-receipt');
    expect(pdfText(file).replace(/\s+/g, ' ')).toContain(TRAINING_WATERMARK);
    pdfToPngs(file, 'training-receipt-a4', 60);
    const guide = await callOk(t, 'clerk', 'guide:pdf', { matterCode: 'CQ-KSTB-0001' });
    expect(pdfText(writePdf(guide.pdfBase64, 'training-guide')).replace(/\s+/g, ' ')).toContain(TRAINING_WATERMARK);

    const job = printer.nextJob();
    await callOk(t, 'clerk', 'print:document', {
      caseId: sample!.caseId,
      kind: 'acceptance-receipt',
      format: 'thermal-80',
    });
    const lines = decodeEscPos(await job).lines.map((l) => l.text);
    expect(lines.filter((l) => l.includes(TRAINING_WATERMARK))).toHaveLength(2);
  });

  it('the trainer resets the folder: changes are gone, the samples are back, the live audit log says who', async () => {
    t = await testApp();
    const admin = await initialised(t);
    await createUser(t, admin, 'clerk1', 'clerk');
    await callOk(t, admin, 'auth:logout', {});
    await enterTraining(t, 'desk', 'clerk1', 'Passw0rd!');
    await callOk(t, 'desk', 'appointments:book', {
      serviceDate: '2026-12-05',
      serviceTime: '12:30',
      kind: 'staggered',
      applicantName: '王五',
      applicantPhone: '13700137000',
    });
    expect(await callOk(t, 'desk', 'appointments:day', { date: '2026-12-05' })).toHaveLength(1);
    // Only the trainer (administrator) resets.
    expect(await callErr(t, 'desk', 'training:reset', {})).toMatchObject({ code: 'forbidden' });
    await callOk(t, 'desk', 'auth:logout', {});
    await callOk(t, 'desk', 'auth:login', { username: 'admin', password: 'Chongqing2026' });
    await callOk(t, 'desk', 'training:reset', {});
    // Everyone in training signs in again, to a fresh seeded folder.
    expect(await callErr(t, 'desk', 'appointments:day', { date: '2026-12-05' })).toMatchObject({
      code: 'unauthenticated',
    });
    await callOk(t, 'desk', 'auth:login', { username: 'clerk1', password: 'Passw0rd!' });
    expect((await callOk(t, 'desk', 'app:info', {})).training).toBe(true);
    expect(await callOk(t, 'desk', 'appointments:day', { date: '2026-12-05' })).toHaveLength(0);
    expect((await callOk(t, 'desk', 'cases:list', {})).total).toBe(2);
    await callOk(t, 'desk', 'auth:logout', {});
    await callOk(t, 'desk', 'training:switch', { training: false });
    await callOk(t, 'desk', 'auth:login', { username: 'admin', password: 'Chongqing2026' });
    const audit = await callOk(t, 'desk', 'audit:list', { action: 'training.reset' });
    expect(audit.map((e) => e.actorName)).toEqual(['admin']);
    // The live folder cannot be reset.
    expect(await callErr(t, 'desk', 'training:reset', {})).toMatchObject({ code: 'training-only' });
  });
});
