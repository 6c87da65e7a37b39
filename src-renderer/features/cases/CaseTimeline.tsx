import { Timeline, Typography } from 'antd';
import type { AuditEntry } from '@common/audit';
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

/** The case's history from the audit log, oldest first: what was done, by whom, when. */
export function CaseTimeline({ entries }: { entries: AuditEntry[] }) {
  return (
    <Timeline
      className="case-timeline"
      items={entries.map((e) => ({
        key: e.seq,
        color: COLORS[e.action] ?? 'blue',
        content: (
          <div>
            <div>
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
      }))}
    />
  );
}
