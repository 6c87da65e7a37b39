// Department decisions. Each is one status event with caseVersion + 1, written in one transaction
// with the case row locked; only transitions allowed by STATUS_TRANSITIONS pass.
import { audit } from '../audit';
import type pg from 'pg';
import type { CaseManifest } from '@tongban/protocol/sync/manifest';
import { canTransition, CASE_STATUS_LABELS_ZH, type CaseStatus, type StatusEvent } from '@tongban/protocol/sync/status';
import { validateEmsNumber } from '@tongban/protocol/validators/ems';
import { withTransaction } from '../db/pool';
import { advanceCase, lockCase } from '../feed/events';
import type { ReviewerSession } from './sessions';
import { resultInfo, resultSize } from '../verify/repo';
import type { DepartmentSealOptions } from '../seal/department-signer';
import type { DepartmentDocumentKind } from '@tongban/protocol/sync/department-documents';
import { caseDocuments, checkDocumentNo, issueDocument } from './documents';
import type { PartStatus } from '@tongban/protocol/sync/joint-parts';
import { advancePart, caseParts, jointDetails } from '../cases/joint';

/** The actions of the case page and the status each leads to. */
export const DEPARTMENT_ACTIONS = {
  review: 'reviewing',
  'request-supplement': 'supplement-requested',
  approve: 'approved',
  reject: 'rejected',
  mail: 'result-mailed',
} as const satisfies Record<string, CaseStatus>;

/** A department action. */
export type DepartmentAction = keyof typeof DEPARTMENT_ACTIONS;

/** Whether a string names a department action. */
export const isDepartmentAction = (s: string): s is DepartmentAction => Object.hasOwn(DEPARTMENT_ACTIONS, s);

/** An action the gateway refused, with the HTTP status and a Chinese message for the page. */
export class ActionRefused extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
  ) {
    super(message);
  }
}

const MAX_TEXT = 500;

function text(form: URLSearchParams, name: string): string {
  return (form.get(name) ?? '').trim();
}

/** The event an action makes from the submitted form, or a refusal. */
function eventOf(
  action: DepartmentAction,
  form: URLSearchParams,
  manifest: CaseManifest,
): Pick<StatusEvent, 'reason' | 'details'> {
  switch (action) {
    case 'review':
      return { reason: null, details: {} };
    case 'request-supplement': {
      const names = new Map(manifest.materials.map((m) => [m.code, m.name]));
      const picked = form.getAll('missing');
      if (picked.some((code) => !names.has(code))) throw new ActionRefused(400, '所选材料不属于本案件');
      const other = text(form, 'missingOther');
      if (other.length > MAX_TEXT) throw new ActionRefused(400, `其他需补正内容不能超过 ${MAX_TEXT} 字`);
      if (picked.length === 0 && !other) throw new ActionRefused(400, '请选择或填写需要补正的材料');
      // With materials ticked, the text is the reviewer's note (shown once, as the reason), not one
      // more material for the window to list; with none ticked, the text is what is asked for.
      if (picked.length === 0) return { reason: null, details: { missing: [other] } };
      return { reason: other || null, details: { missing: picked.map((code) => names.get(code) ?? code) } };
    }
    case 'approve': {
      const note = text(form, 'note');
      if (note.length > MAX_TEXT) throw new ActionRefused(400, `办结意见不能超过 ${MAX_TEXT} 字`);
      return { reason: note || null, details: {} };
    }
    case 'reject': {
      const reason = text(form, 'reason');
      if (!reason) throw new ActionRefused(400, '请填写不予办理的理由');
      if (reason.length > MAX_TEXT) throw new ActionRefused(400, `理由不能超过 ${MAX_TEXT} 字`);
      return { reason, details: {} };
    }
    case 'mail': {
      const checked = validateEmsNumber(text(form, 'waybillNo'));
      if (!checked.ok)
        throw new ActionRefused(
          400,
          checked.errors[0]?.code === 'ems-service'
            ? 'EMS 运单号无效：这是挂号信、平邮或包裹单号，EMS 的国际格式单号以字母 E 开头'
            : 'EMS 运单号无效：应为 13 位数字，或 2 个字母 + 9 位数字 + 2 个字母且校验位正确',
        );
      return { reason: null, details: { waybillNo: checked.value.number } };
    }
  }
}

/** The department document an action issues, by the status it leaves (reject from 已送达 is 不予受理). */
function documentKindOf(action: DepartmentAction, from: CaseStatus): DepartmentDocumentKind | null {
  if (action === 'review') return 'acceptance';
  if (action === 'approve') return 'approval';
  if (action === 'reject') return from === 'received' ? 'non-acceptance' : 'refusal';
  return null;
}

/**
 * Performs an action on a case of the reviewer's department; returns the new case version. With a document
 * number (form field documentNo), 受理 / 不予受理 / the decision also issue the department's document, sealed
 * when `seal` is given, and the event lists every document of the case (details.documents).
 */
export async function performAction(
  pool: pg.Pool,
  reviewer: ReviewerSession,
  caseId: string,
  action: DepartmentAction,
  form: URLSearchParams,
  seal?: DepartmentSealOptions,
): Promise<number> {
  return withTransaction(pool, async (client) => {
    const locked = await lockCase(client, caseId);
    const { rows } = await client.query<{ manifest: CaseManifest; complete: boolean }>(
      'SELECT manifest, complete_at IS NOT NULL AS complete FROM cases WHERE case_id = $1',
      [caseId],
    );
    const row = rows[0];
    // 多地联办: a department reaches the case through its own part, once that part was pushed to it.
    const parts = locked ? await caseParts(client, caseId) : [];
    const mine = parts.find((p) => p.departmentId === reviewer.departmentId && p.pushedAt !== null);
    const reachable = parts.length ? mine !== undefined : locked?.departmentId === reviewer.departmentId;
    if (!locked || !row || !row.complete || !reachable) throw new ActionRefused(404, '没有这个案件');
    if (text(form, 'caseVersion') !== String(locked.caseVersion)) {
      throw new ActionRefused(409, '案件已被更新（可能是其他人员的操作或窗口补正），请查看最新状态后再操作');
    }
    const to = DEPARTMENT_ACTIONS[action];
    // On a 多地联办 case the department acts on its part (the case status follows the parts); only the lead
    // department (the case's) registers the mailing of the result, once the case is decided.
    const onPart = mine !== undefined && action !== 'mail';
    if (parts.length && action === 'mail' && locked.departmentId !== reviewer.departmentId)
      throw new ActionRefused(409, '联办案件的结果寄递由牵头部门登记');
    if (onPart && ['approved', 'rejected', 'result-mailed'].includes(locked.status))
      throw new ActionRefused(409, `案件已${CASE_STATUS_LABELS_ZH[locked.status]}，本部门的办理环节不能再更改`);
    const from: CaseStatus = onPart ? (mine.status === 'waiting' ? 'result-mailed' : mine.status) : locked.status;
    if (!canTransition(from, to)) {
      throw new ActionRefused(
        409,
        `${onPart ? '本部门环节' : '案件'}当前为「${CASE_STATUS_LABELS_ZH[from]}」，不能改为「${CASE_STATUS_LABELS_ZH[to]}」`,
      );
    }
    const event = eventOf(action, form, row.manifest);
    // 网络送达: a result attached before the decision travels with it to the window.
    if (action === 'approve' || action === 'reject') {
      const result = await resultInfo(client, caseId);
      const size = result ? await resultSize(client, caseId) : 0;
      if (result)
        event.details = { ...event.details, result: { sha256: result.sha256, fileName: result.fileName, size } };
    }
    const kind = documentKindOf(action, locked.status);
    const typedNo = text(form, 'documentNo');
    if (kind && typedNo) {
      const documentNo = checkDocumentNo(typedNo);
      if (typeof documentNo !== 'string') throw new ActionRefused(400, documentNo.refused);
      const documents = await issueDocument(
        client,
        row.manifest,
        { kind, documentNo, reason: event.reason, issuedAt: new Date() },
        `reviewer:${reviewer.username}`,
        seal,
      );
      if (!Array.isArray(documents)) throw new ActionRefused(409, documents.refused);
      event.details = { ...event.details, documents };
    } else if (kind === 'non-acceptance') {
      throw new ActionRefused(400, '不予受理须出具不予受理决定书：请填写文书编号');
    } else {
      // The window keeps the latest event's details: every event repeats the documents issued so far.
      const documents = await caseDocuments(client, caseId);
      if (documents.length) event.details = { ...event.details, documents };
    }
    let status: CaseStatus = to;
    if (onPart) {
      const joint = await advancePart(client, caseId, mine, to as PartStatus, event.reason);
      status = joint.status;
      event.details = { ...event.details, ...joint.details };
      // The case's reason names the part, so the window can tell which department said it.
      if (event.reason) event.reason = `${mine.name}（${mine.departmentName}）：${event.reason}`;
    } else if (parts.length) event.details = { ...event.details, ...(await jointDetails(client, caseId)) };
    const version = await advanceCase(client, locked, { status, ...event, actor: `reviewer:${reviewer.username}` });
    await audit(client, {
      actor: reviewer.username,
      action: `dept.action.${action}`,
      target: `case:${caseId}`,
      details: {
        reviewerId: reviewer.reviewerId,
        departmentId: reviewer.departmentId,
        caseVersion: version,
        ...(event.details.documents ? { documents: event.details.documents.map((d) => d.documentNo) } : {}),
        ...(onPart ? { part: mine.code } : {}),
      },
    });
    return version;
  });
}
