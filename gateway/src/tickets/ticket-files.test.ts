// 问题处理 files on the real PostgreSQL: a window's file declared in its ticket manifest and uploaded through the
// signed attachment PUT (size/SHA-256 checked) never holds up or completes the case and is not among its
// materials; the reviewer downloads it, attaches a file of their own (type judged by content), and the window
// fetches that one after the feed named it.
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatusFeed } from '@tongban/protocol/sync/status';
import type { TicketManifest, TicketState } from '@tongban/protocol/sync/tickets';
import { addReviewer } from '../department/repo';
import { Browser } from '../testing/browser';
import type { DeviceClient } from '../testing/device-client';
import { testFile, testManifest } from '../testing/fixtures';
import { startTestGateway, type TestGateway } from '../testing/harness';

const SC = '510000';
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);
const PDF = Buffer.from('%PDF-1.4\n% 窗口补充说明\n');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
let t: TestGateway;
let device: DeviceClient;
let other: DeviceClient;
let reviewer: Browser;

beforeAll(async () => {
  t = await startTestGateway({ tickets: { watchEveryMs: 0 } });
  device = await t.device(SC);
  other = await t.device('500101');
  await addReviewer(t.pool, 'psb-f', 'correct horse 9', 'SC-CD-PSB');
  reviewer = new Browser(t.url);
  expect((await reviewer.login('psb-f', 'correct horse 9')).status).toBe(303);
});
afterAll(async () => t?.close());

const completeAt = async (caseId: string) =>
  (await t.pool.query<{ complete_at: Date | null }>('SELECT complete_at FROM cases WHERE case_id = $1', [caseId]))
    .rows[0]?.complete_at ?? null;

async function ticketStates(): Promise<TicketState[]> {
  const res = await device.feed(null, 500);
  return (res.json as StatusFeed).tickets ?? [];
}

describe('ticket files', () => {
  it('a window file neither holds up nor completes the case; hash mismatch refused; reviewer downloads it', async () => {
    const caseFile = testFile(300);
    const m = testManifest(SC, [caseFile]);
    expect((await device.putCase(m)).status).toBe(201);
    const ticket: TicketManifest = {
      ticketId: randomUUID(),
      caseId: m.caseId,
      category: 'material-question',
      body: '附上申请人补充的说明',
      byName: '王窗口',
      openedAt: new Date().toISOString(),
      attachments: [
        { id: randomUUID(), name: '说明.pdf', type: 'application/pdf', size: PDF.length, sha256: sha(PDF) },
      ],
    };
    const fileId = ticket.attachments?.[0]?.id as string;
    const put = await device.request('PUT', `/v1/cases/${m.caseId}/tickets/${ticket.ticketId}`, {
      body: ticket,
      idempotencyKey: ticket.ticketId,
    });
    expect(put.status).toBe(201);
    // The case's own file completes the case although the ticket's file has not arrived.
    expect((await device.putAttachment(m.caseId, caseFile.slot.attachmentId, caseFile.bytes)).status).toBe(201);
    expect(await completeAt(m.caseId)).not.toBeNull();
    const replay = await device.putCase(m);
    expect(replay.json).toMatchObject({ missingAttachments: [] });

    const wrong = await device.putAttachment(m.caseId, fileId, Buffer.from('%PDF-1.4\n% 另一个文件\n'));
    expect([wrong.status, wrong.body]).toMatchObject([422, { error: { code: 'hash-mismatch' } }]);
    expect((await device.putAttachment(m.caseId, fileId, PDF)).status).toBe(201);

    const page = await reviewer.go('GET', `/dept/cases/${m.caseId}`);
    expect(page.html).toContain(`/dept/cases/${m.caseId}/attachments/${fileId}`);
    expect(page.html).toContain('窗口附件');
    const { rows } = await t.pool.query(
      'SELECT count(*)::int AS n FROM attachment_slots WHERE case_id = $1 AND ticket_id IS NULL',
      [m.caseId],
    );
    expect(rows[0]).toEqual({ n: 1 });
    const dl = await reviewer.go('GET', `/dept/cases/${m.caseId}/attachments/${fileId}`);
    expect(dl.status).toBe(200);
    expect(dl.html).toContain('窗口补充说明');
    const state = (await ticketStates()).find((s) => s.ticketId === ticket.ticketId);
    expect(state?.attachments).toEqual([
      {
        id: fileId,
        messageId: null,
        side: 'window',
        name: '说明.pdf',
        type: 'application/pdf',
        size: PDF.length,
        sha256: sha(PDF),
        ready: true,
      },
    ]);
  });

  it('the reviewer attaches a PNG (a renamed text file is refused); the window fetches it, another district cannot', async () => {
    const m = testManifest(SC);
    expect((await device.putCase(m)).status).toBe(201);
    const ticket: TicketManifest = {
      ticketId: randomUUID(),
      caseId: m.caseId,
      category: 'other',
      body: '请部门提供样表',
      byName: '王窗口',
      openedAt: new Date().toISOString(),
    };
    expect(
      (
        await device.request('PUT', `/v1/cases/${m.caseId}/tickets/${ticket.ticketId}`, {
          body: ticket,
          idempotencyKey: ticket.ticketId,
        })
      ).status,
    ).toBe(201);
    const page = await reviewer.go('GET', `/dept/cases/${m.caseId}`);
    expect(page.html).toContain(`action="/dept/tickets/${ticket.ticketId}/attachments"`);
    const upload = (bytes: Buffer, name: string) =>
      fetch(`${t.url}/dept/tickets/${ticket.ticketId}/attachments`, {
        method: 'POST',
        headers: {
          cookie: reviewer.cookieHeader(),
          'content-type': 'application/octet-stream',
          'x-csrf-token': reviewer.csrf(page.html),
          'x-file-name': encodeURIComponent(name),
        },
        body: bytes,
      });
    const refused = await upload(Buffer.from('not an image'), '样表.png');
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { message: string }).message).toContain('按文件内容判断');
    const ok = await upload(PNG, '样表.png');
    expect(ok.status).toBe(200);
    const { attachmentId } = (await ok.json()) as { attachmentId: string };

    const state = (await ticketStates()).find((s) => s.ticketId === ticket.ticketId);
    expect(state?.attachments).toEqual([
      {
        id: attachmentId,
        messageId: null,
        side: 'department',
        name: '样表.png',
        type: 'image/png',
        size: PNG.length,
        sha256: sha(PNG),
        ready: true,
      },
    ]);
    const path = `/v1/cases/${m.caseId}/tickets/${ticket.ticketId}/attachments/${attachmentId}`;
    const got = await device.request('GET', path);
    expect(got.status).toBe(200);
    expect(got.headers.get('x-content-sha256')).toBe(sha(PNG));
    const foreign = await other.request('GET', path);
    expect(foreign.status).toBe(404);
    expect(await completeAt(m.caseId)).not.toBeNull();
  });
});
