import { Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CasePartState } from '@common/cases/case-types';

const PART_COLORS: Record<string, string> = {
  waiting: 'default',
  received: 'blue',
  reviewing: 'blue',
  'supplement-requested': 'orange',
  'supplement-received': 'cyan',
  approved: 'green',
  rejected: 'red',
};

/** One part's status as a tag (未送达 before the gateway has the case). */
export function PartTag({ status }: { status: string | null }) {
  const { t } = useTranslation();
  if (status === null) return <Tag>{t('cases.parts.notSent')}</Tag>;
  return (
    <Tag color={PART_COLORS[status] ?? 'default'}>{t(`cases.parts.statuses.${status}`, { defaultValue: status })}</Tag>
  );
}

/** The case list's cell for a 多地联办 case: each part's short name and status, one per line. */
export function PartsCell({ parts }: { parts: Pick<CasePartState, 'departmentName' | 'status'>[] }) {
  return (
    <div className="joint-parts-cell">
      {parts.map((p) => (
        <div key={p.departmentName} className="small">
          <span className="muted">{p.departmentName}</span> <PartTag status={p.status} />
        </div>
      ))}
    </div>
  );
}

/** 多地联办 in the case drawer: every part, its department and status, in step order (decision 0215). */
export function JointParts({ parts }: { parts: CasePartState[] }) {
  const { t } = useTranslation();
  return (
    <section aria-label={t('cases.parts.title')}>
      <Typography.Title level={5}>{t('cases.parts.title')}</Typography.Title>
      <Table<CasePartState>
        size="small"
        pagination={false}
        rowKey="code"
        dataSource={parts}
        columns={[
          { key: 'step', width: 72, render: (_, p) => t('cases.parts.step', { step: p.step }) },
          { dataIndex: 'name' },
          { dataIndex: 'departmentName' },
          {
            key: 'required',
            width: 64,
            render: (_, p) => t(p.required ? 'cases.parts.required' : 'cases.parts.optional'),
          },
          { key: 'status', width: 140, render: (_, p) => <PartTag status={p.status} /> },
          { key: 'reason', render: (_, p) => p.reason ?? '' },
        ]}
        showHeader={false}
      />
      <Typography.Paragraph type="secondary" className="small">
        {t('cases.parts.note')}
      </Typography.Paragraph>
    </section>
  );
}
