import { Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '@common/audit';
import type { DepartmentEvent } from '@common/cases/case-types';
import { auditActionLabel, auditActorLabel } from '../../i18n';
import { formatDateTime } from '../../i18n/datetime';
import { describeDetails } from '../audit/describe-details';

const COLORS: Record<string, string> = {
  'case.accept': 'green',
  'case.notify-incomplete': 'orange',
  'case.reject': 'red',
  'sync.needs-attention': 'red',
  'print.failed': 'red',
};
/** Internal ids and digests that mean nothing at the counter (the audit log page still shows them). */
const HIDDEN = new Set([
  'printId',
  'verificationId',
  'overrideId',
  'supplementId',
  'chipSha256',
  'matterCode',
  'situationCode',
]);

/** The details worth reading in a case's history: no internal ids, no empty lists. */
function readable(details: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(details).filter(([key, value]) => !HIDDEN.has(key) && !(Array.isArray(value) && value.length === 0)),
  );
}

const DEPT_COLORS: Record<string, string> = { refused: 'red', rejected: 'red', 'supplement-requested': 'orange' };

/** One step at this window (from its audit log). */
function windowItem(e: AuditEntry, side: string) {
  return {
    key: `w${e.seq}`,
    color: COLORS[e.action] ?? 'blue',
    content: (
      <div>
        <div>
          <Tag>{side}</Tag>
          <strong>{auditActionLabel(e.action)}</strong>
          <span className="muted">
            {' '}
            · {auditActorLabel(e)} · <span className="mono">{formatDateTime(e.at)}</span>
          </span>
        </div>
        {Object.keys(readable(e.details)).length > 0 && (
          <Typography.Paragraph type="secondary" className="small" style={{ marginBottom: 0 }}>
            {describeDetails(readable(e.details))}
          </Typography.Paragraph>
        )}
      </div>
    ),
  };
}

/**
 * The case's 全程记录, oldest first: what was done at this window, by whom, when (its audit log), and what the
 * department did as the gateway's status feed brought it back (decision 0205).
 */
export function CaseTimeline({
  entries,
  departmentEvents = [],
}: {
  entries: AuditEntry[];
  departmentEvents?: DepartmentEvent[];
}) {
  const { t } = useTranslation();
  const windowSide = t('cases.detail.trail.window');
  const merged = [
    ...entries.map((e) => ({ at: e.at, item: windowItem(e, windowSide) })),
    ...departmentEvents.map((d, i) => ({
      at: d.at,
      item: {
        key: `d${i}`,
        color: DEPT_COLORS[d.status] ?? 'green',
        content: (
          <div data-side="department">
            <div>
              <Tag color="geekblue">{t('cases.detail.trail.department')}</Tag>
              <strong>{t(`cases.deptStatuses.${d.status}`, { defaultValue: d.status })}</strong>
              <span className="muted">
                {' '}
                · <span className="mono">{formatDateTime(d.at)}</span>
              </span>
            </div>
            {(d.reason || d.departmentNo || d.waybillNo) && (
              <Typography.Paragraph type="secondary" className="small" style={{ marginBottom: 0 }}>
                {[
                  d.reason,
                  d.departmentNo && t('cases.detail.trail.departmentNo', { no: d.departmentNo }),
                  d.waybillNo && t('cases.detail.trail.waybillNo', { no: d.waybillNo }),
                ]
                  .filter(Boolean)
                  .join('；')}
              </Typography.Paragraph>
            )}
          </div>
        ),
      },
    })),
  ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return (
    <>
      <Typography.Paragraph type="secondary" className="small">
        {t('cases.detail.trail.note')}
      </Typography.Paragraph>
      <Timeline className="case-timeline" items={merged.map((m) => m.item)} />
    </>
  );
}
