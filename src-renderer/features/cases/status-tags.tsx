import { Tag, Tooltip } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { CaseOutcome, CaseSummary } from '@common/cases/case-types';

const OUTCOME_COLORS: Record<CaseOutcome, string> = { accepted: 'green', incomplete: 'orange', rejected: 'red' };
const SYNC_COLORS: Record<CaseSummary['syncState'], string> = {
  local: 'default',
  sending: 'processing',
  delivered: 'success',
  'needs-attention': 'error',
};
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

/** Why a case needs attention, as the clerk reads it (the gateway's error code, or 'HTTP 4xx', comes in); codes without wording show as themselves. */
export function attentionText(t: TFunction, reason: string | null | undefined): string {
  const code = /^local-.+-missing$/.test(reason ?? '') ? 'local-missing' : (reason ?? '');
  const other = () => t('cases.attention.other', { code: code || '—' });
  return code && code !== 'other' ? t(`cases.attention.${code}`, { defaultValue: other() }) : other();
}

/** Where the case is on its way to the department: 已保存在本机 / 正在发送 / 已送达 (+ its number) / 需要处理 (+ why). */
export function SyncTag({
  row,
}: {
  row: Pick<CaseSummary, 'outcome' | 'syncState' | 'departmentNo' | 'attentionReason'>;
}) {
  const { t } = useTranslation();
  if (row.outcome !== 'accepted') return <span className="muted">{t('cases.none')}</span>;
  const tag = <Tag color={SYNC_COLORS[row.syncState]}>{t(`cases.syncStates.${row.syncState}`)}</Tag>;
  if (row.syncState === 'needs-attention')
    return <Tooltip title={attentionText(t, row.attentionReason)}>{tag}</Tooltip>;
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
  return (
    <Tag color={DEPT_COLORS[status] ?? 'default'}>{t(`cases.deptStatuses.${status}`, { defaultValue: status })}</Tag>
  );
}
