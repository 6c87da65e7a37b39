import { Tag, Tooltip } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { CaseOutcome, CaseSummary } from '../../../src-main/common/cases/case-types';

const OUTCOME_COLORS: Record<CaseOutcome, string> = { accepted: 'green', incomplete: 'orange', rejected: 'red' };
const SYNC_COLORS: Record<CaseSummary['syncState'], string> = { local: 'default', sending: 'processing', delivered: 'success', 'needs-attention': 'error' };
const DEPT_COLORS: Record<string, string> = {
  received: 'blue',
  reviewing: 'blue',
  'supplement-requested': 'orange',
  'supplement-received': 'cyan',
  approved: 'green',
  rejected: 'red',
  'result-mailed': 'purple',
};

/** 已受理 / 待补齐 / 不予受理. */
export function OutcomeTag({ outcome }: { outcome: CaseOutcome }) {
  const { t } = useTranslation();
  return <Tag color={OUTCOME_COLORS[outcome]}>{t(`cases.outcomes.${outcome}`)}</Tag>;
}

const ATTENTION_CODES = ['invalid-manifest', 'manifest-mismatch', 'attachment-conflict', 'district-forbidden', 'case-not-found', 'supplement-not-requested', 'hash-mismatch', 'slot-not-found', 'payload-too-large', 'record-conflict'];

/** Why a case needs attention, as the clerk reads it (the gateway's error code, or 'HTTP 4xx', comes in). */
export function attentionText(t: TFunction, reason: string | null | undefined): string {
  const code = reason ?? '';
  if (ATTENTION_CODES.includes(code)) return t(`cases.attention.${code}`);
  if (/^local-.+-missing$/.test(code)) return t('cases.attention.local-missing');
  return t('cases.attention.other', { code: code || '—' });
}

/** Where the case is on its way to the department: 已保存在本机 / 正在发送 / 已送达 (+ its number) / 需要处理 (+ why). */
export function SyncTag({ row }: { row: Pick<CaseSummary, 'outcome' | 'syncState' | 'departmentNo' | 'attentionReason'> }) {
  const { t } = useTranslation();
  if (row.outcome !== 'accepted') return <span className="muted">{t('cases.none')}</span>;
  const tag = <Tag color={SYNC_COLORS[row.syncState]}>{t(`cases.syncStates.${row.syncState}`)}</Tag>;
  if (row.syncState === 'needs-attention') return <Tooltip title={attentionText(t, row.attentionReason)}>{tag}</Tooltip>;
  if (row.syncState === 'delivered' && row.departmentNo) {
    return (
      <span>
        {tag}
        <div className="muted small">{t('cases.deptNo', { no: row.departmentNo })}</div>
      </span>
    );
  }
  return tag;
}

/** The department's latest status (审查中 / 需补正 / 已办结 …), or a dash. */
export function DeptTag({ status }: { status: string | null }) {
  const { t } = useTranslation();
  if (!status) return <span className="muted">{t('cases.none')}</span>;
  return <Tag color={DEPT_COLORS[status] ?? 'default'}>{t(`cases.deptStatuses.${status}`, { defaultValue: status })}</Tag>;
}
