import { Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { COUNTER_ROLES } from '@common/roles';
import { ledgerOutcomeLabel, type LedgerEntry } from '@common/supervisor/ledger';
import { PartsCell } from '../cases/JointParts';
import { formatDateTime } from '../../i18n/datetime';
import { useAuthStore } from '../auth/store';
import { InviteRatingButton } from '../rating/InviteRatingButton';
import { levelLabel, LEVEL_COLORS } from './format';
import { LEDGER_PAGE_SIZE, useLedgerStore } from './ledger-store';

const OUTCOME_COLORS = { accepted: 'blue', incomplete: 'gold', rejected: 'red' } as const;

/** The ledger's detail rows (masked as the main process built them). */
export function LedgerTable() {
  const { t } = useTranslation();
  const view = useLedgerStore((s) => s.view);
  const page = useLedgerStore((s) => s.page);
  const loading = useLedgerStore((s) => s.loading);
  const load = useLedgerStore((s) => s.load);
  const role = useAuthStore((s) => s.session?.user.role ?? 'clerk');
  const counter = COUNTER_ROLES.includes(role);
  const none = t('supervisor.none');

  const columns: ColumnsType<LedgerEntry> = [
    { title: t('supervisor.ledger.cols.documentNo'), dataIndex: 'documentNo', width: 190 },
    {
      title: t('supervisor.ledger.cols.time'),
      dataIndex: 'decidedAt',
      width: 160,
      render: (at: string) => formatDateTime(at),
    },
    {
      title: t('supervisor.ledger.cols.matter'),
      key: 'matter',
      render: (_, r) => `${r.matterName} / ${r.situationName}`,
    },
    {
      title: t('supervisor.ledger.cols.outcome'),
      dataIndex: 'outcome',
      width: 110,
      // Under 收受分离 the window 收件s; only a 委托受理 case was 受理d here.
      render: (o: LedgerEntry['outcome'], r) => (
        <Tag color={OUTCOME_COLORS[o]}>{ledgerOutcomeLabel(o, r.acceptanceMode)}</Tag>
      ),
    },
    {
      title: t('supervisor.ledger.cols.acceptanceMode'),
      dataIndex: 'acceptanceMode',
      width: 110,
      render: (v: string | null | undefined) => v ?? none,
    },
    {
      title: t('supervisor.ledger.cols.applicant'),
      key: 'applicant',
      width: 170,
      render: (_, r) => `${r.applicantName} ${r.applicantIdMasked}`,
    },
    {
      title: t('supervisor.ledger.cols.agent'),
      dataIndex: 'agentName',
      width: 80,
      render: (v: string | null) => v ?? none,
    },
    { title: t('supervisor.ledger.cols.clerk'), dataIndex: 'clerkName', width: 90 },
    {
      title: t('supervisor.ledger.cols.department'),
      dataIndex: 'departmentName',
      width: 150,
      render: (v: string | null) => v ?? none,
    },
    {
      title: t('supervisor.ledger.cols.waybills'),
      dataIndex: 'waybillNos',
      width: 130,
      render: (v: string[]) => (v.length ? v.join('、') : none),
    },
    {
      title: t('supervisor.ledger.cols.sync'),
      key: 'sync',
      width: 130,
      render: (_, r) => (
        <>
          <Tag color={r.syncState === 'delivered' ? 'green' : r.syncState === 'needs-attention' ? 'red' : 'default'}>
            {t(`supervisor.syncStates.${r.syncState}`)}
          </Tag>
          {r.departmentNo && <div className="sup-muted">{r.departmentNo}</div>}
        </>
      ),
    },
    {
      title: t('supervisor.ledger.cols.deptStatus'),
      dataIndex: 'deptStatus',
      width: 150,
      render: (v: string | null, r) => (
        <>
          {v ? t(`cases.deptStatuses.${v}`, { defaultValue: v }) : none}
          {r.parts && <PartsCell parts={r.parts} />}
          {r.departmentDocuments?.map((d) => (
            <div key={d.documentNo} className="sup-muted">
              {d.title} {d.documentNo}
            </div>
          ))}
        </>
      ),
    },
    {
      title: t('supervisor.ledger.cols.rating'),
      key: 'rating',
      width: 130,
      // Kept in view at 1366–1440 px: the table scrolls sideways under it.
      fixed: 'right',
      render: (_, r) =>
        r.rating !== null ? (
          <Tag color={LEVEL_COLORS[r.rating]}>{levelLabel(r.rating)}</Tag>
        ) : counter ? (
          <InviteRatingButton caseId={r.caseId} size="small" />
        ) : (
          none
        ),
    },
  ];

  return (
    <Table<LedgerEntry>
      rowKey="caseId"
      size="small"
      columns={columns}
      dataSource={view?.rows ?? []}
      loading={loading}
      scroll={{ x: 1700 }}
      pagination={{
        current: page,
        pageSize: LEDGER_PAGE_SIZE,
        total: view?.total ?? 0,
        showSizeChanger: false,
        hideOnSinglePage: true,
        onChange: (p) => void load(undefined, p),
      }}
    />
  );
}
