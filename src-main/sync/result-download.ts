// 网络送达 at the window: the result PDF a department decision announced (status event details.result) is
// fetched from the gateway on demand, checked against the announced SHA-256 and handed to the clerk to print.
import { createHash } from 'node:crypto';
import { AppError } from '@common/errors';
import type { CaseDetail } from '@common/cases/case-types';
import { signedRequest, type ClientOptions } from './gateway-client';
import type { SyncDevice } from './sync-repo';
import type { DepartmentDocumentKind } from '@tongban/protocol/sync/department-documents';

/** The result of a case, as fetched. */
export interface CaseResultFile {
  fileName: string;
  sha256: string;
  pdfBase64: string;
}

/** Fetches and checks a case's result PDF; not-found when the department attached none. */
export async function downloadResult(
  device: SyncDevice | null,
  detail: CaseDetail,
  client: ClientOptions,
  document?: DepartmentDocumentKind,
): Promise<CaseResultFile> {
  // The 办理地's own documents travel the same way, announced in details.documents, fetched with ?document=.
  const announced = document
    ? detail.deptDetails?.documents?.find((d) => d.kind === document)
    : detail.deptDetails?.result;
  if (!announced) throw new AppError('not-found', 'no result attached to this case');
  if (!device || device.revokedAt) throw new AppError('unavailable', 'window not enrolled');
  const reply = await signedRequest(device, client, {
    method: 'GET',
    path: `/v1/cases/${detail.caseId}/result`,
    ...(document ? { query: `document=${document}` } : {}),
  });
  if (reply.status === null) throw new AppError('unavailable', `gateway unreachable: ${reply.transportError ?? ''}`);
  if (reply.status !== 200 || !reply.raw) throw new AppError('unavailable', `gateway answered ${reply.status}`);
  const sha256 = createHash('sha256').update(reply.raw).digest('hex');
  if (sha256 !== announced.sha256) throw new AppError('unavailable', 'result differs from the one announced');
  return { fileName: announced.fileName, sha256, pdfBase64: reply.raw.toString('base64') };
}
