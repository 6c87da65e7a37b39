// 问题处理 files at the window: a clerk's files are checked like scanned materials (JPG/PNG/PDF by content, size
// limit) and queued after their ticket or message; a department's file is fetched from the gateway the first time it
// is opened (as the 网络送达 result is), checked against the SHA-256 the ticket state announced, and kept.
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '@common/errors';
import { TICKET_FILE_MAX_BYTES, type TicketFileContent, type TicketFileView } from '@common/tickets';
import { sniffScanType } from '../cases/file-types';
import { uuidv7 } from '../cases/ids';
import { enqueueRecord } from '../sync/outbox';
import { signedRequest, type ClientOptions } from '../sync/gateway-client';
import type { SyncDevice } from '../sync/sync-repo';
import type { TicketFileRow, TicketFilesRepo } from './ticket-files-repo';

/** A file as the renderer sends it. */
export interface IncomingFile {
  fileName: string;
  dataBase64: string;
}

const sha256Hex = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Checks the clerk's files before anything is written: content type and size (Chinese-facing codes in fields). */
export function checkFiles(files: readonly IncomingFile[] | undefined) {
  return (files ?? []).map((f, i) => {
    const bytes = Buffer.from(f.dataBase64, 'base64');
    if (bytes.length === 0 || bytes.length > TICKET_FILE_MAX_BYTES)
      throw new AppError('invalid-input', 'file too large or empty', {
        fields: [{ path: `files.${i}`, code: 'file-too-large' }],
        maxBytes: TICKET_FILE_MAX_BYTES,
      });
    const type = sniffScanType(bytes);
    if (!type)
      throw new AppError('invalid-input', 'only JPEG, PNG or PDF files', {
        fields: [{ path: `files.${i}`, code: 'file-type' }],
      });
    return {
      name: f.fileName.replace(/[\\/:*?"<>|\r\n]/g, '').slice(-100) || '附件',
      type,
      bytes,
      sha256: sha256Hex(bytes),
    };
  });
}

/** Stores checked files of a ticket or message and queues their uploads (in the caller's transaction, after it). */
export function addFiles(
  db: Database.Database,
  repo: TicketFilesRepo,
  t: { caseId: string; ticketId: string; messageId: string | null; at: string; now: number },
  files: ReturnType<typeof checkFiles>,
): void {
  for (const f of files) {
    const attachmentId = uuidv7(t.now);
    repo.insertOwn({ attachmentId, ticketId: t.ticketId, messageId: t.messageId, ...f, at: t.at });
    if (!enqueueRecord(db, t.caseId, 'ticket-file', attachmentId, t.at))
      throw new AppError('conflict', 'this case was not sent to the department', {
        fields: [{ path: 'caseId', code: 'case-not-sent' }],
      });
  }
}

/** The view of a ticket's file rows. */
export function fileViews(rows: readonly TicketFileRow[], ticketId: string): TicketFileView[] {
  return rows
    .filter((r) => r.ticket_id === ticketId)
    .map((r) => ({
      attachmentId: r.attachment_id,
      messageId: r.message_id,
      side: r.side,
      fileName: r.file_name,
      mediaType: r.media_type,
      size: r.size,
      synced: r.side !== 'window' || r.synced_at !== null,
      purged: r.purged_at !== null,
    }));
}

/** A file's bytes: kept ones at once; the department's fetched (signed GET), checked and kept the first time. */
export async function fileContent(
  repo: TicketFilesRepo,
  row: TicketFileRow & { case_id: string },
  device: SyncDevice | null,
  client: ClientOptions,
): Promise<TicketFileContent> {
  if (row.purged_at) throw new AppError('not-found', 'the file was cleared with the case');
  const content = (bytes: Buffer): TicketFileContent => ({
    fileName: row.file_name,
    mediaType: row.media_type,
    sha256: row.sha256,
    dataBase64: bytes.toString('base64'),
  });
  const kept = repo.bytes(row.attachment_id);
  if (kept) return content(kept);
  if (!device || device.revokedAt) throw new AppError('unavailable', 'window not enrolled');
  const reply = await signedRequest(device, client, {
    method: 'GET',
    path: `/v1/cases/${row.case_id}/tickets/${row.ticket_id}/attachments/${row.attachment_id}`,
  });
  if (reply.status === null) throw new AppError('unavailable', `gateway unreachable: ${reply.transportError ?? ''}`);
  if (reply.status !== 200 || !reply.raw) throw new AppError('unavailable', `gateway answered ${reply.status}`);
  if (reply.raw.length !== row.size || sha256Hex(reply.raw) !== row.sha256)
    throw new AppError('unavailable', 'file differs from the one announced');
  if (sniffScanType(reply.raw) !== row.media_type)
    throw new AppError('unavailable', 'file is not of its announced type');
  repo.storeFetched(row.attachment_id, reply.raw);
  return content(reply.raw);
}
