import { Alert, Button, Card, Radio, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { FollowUpView } from '@common/supervisor/views';
import { formatDateTime } from '../../i18n/datetime';
import { errorMessage } from '../../i18n/errors';
import { FollowUpDrawer } from './FollowUpDrawer';
import { levelLabel, LEVEL_COLORS } from './format';
import { useFollowUpsStore, type FollowUpFilter } from './followups-store';
import { RatingsList } from './RatingsList';
import './supervisor.css';

const FILTERS: FollowUpFilter[] = ['open', 'overdue', 'done', 'all'];

/** 好差评回访: 差评 follow-ups (overdue ones in red) and the recent ratings. */
export function FollowUpsPage() {
  const { t } = useTranslation();
  const rows = useFollowUpsStore((s) => s.rows);
  const filter = useFollowUpsStore((s) => s.filter);
  const loading = useFollowUpsStore((s) => s.loading);
  const loadError = useFollowUpsStore((s) => s.loadError);
  const load = useFollowUpsStore((s) => s.load);
  const loadRatings = useFollowUpsStore((s) => s.loadRatings);
  const openDetail = useFollowUpsStore((s) => s.openDetail);

  useEffect(() => {
    void load();
    void loadRatings();
  }, [load, loadRatings]);

  const columns: ColumnsType<FollowUpView> = [
    {
      title: t('supervisor.followups.cols.documentNo'),
      dataIndex: 'documentNo',
      width: 190,
      render: (v: string | null) => v ?? t('supervisor.none'),
    },
    {
      title: t('supervisor.followups.cols.level'),
      dataIndex: 'level',
      width: 110,
      render: (l: number) => <Tag color={LEVEL_COLORS[l]}>{levelLabel(l)}</Tag>,
    },
    {
      title: t('supervisor.followups.cols.comment'),
      dataIndex: 'comment',
      ellipsis: true,
      render: (c: string) => c || t('supervisor.none'),
    },
    { title: t('supervisor.followups.cols.clerk'), dataIndex: 'clerkName', width: 90 },
    {
      title: t('supervisor.followups.cols.opened'),
      dataIndex: 'openedAt',
      width: 160,
      render: (at: string) => formatDateTime(at),
    },
    {
      title: t('supervisor.followups.cols.due'),
      key: 'due',
      width: 150,
      render: (_, r) => `${r.dueDate}${r.dueVerified ? '' : t('supervisor.followups.dueUnverified')}`,
    },
    {
      title: t('supervisor.followups.cols.left'),
      key: 'left',
      width: 170,
      render: (_, r) =>
        r.state === 'done' ? (
          t('supervisor.none')
        ) : r.overdue ? (
          <Tag color="red">{t('supervisor.followups.overdueBy', { count: Math.abs(r.workingDaysLeft ?? 0) })}</Tag>
        ) : (
          t('supervisor.followups.daysLeft', { count: r.workingDaysLeft ?? 0 })
        ),
    },
    {
      title: t('supervisor.followups.cols.next'),
      dataIndex: 'nextStep',
      width: 80,
      render: (s: string | null) => (s ? t(`supervisor.steps.${s}`) : t('supervisor.none')),
    },
    {
      title: t('supervisor.followups.cols.state'),
      key: 'state',
      width: 90,
      render: (_, r) =>
        r.state === 'done' ? (
          <Tag color="green">{t('supervisor.followups.done')}</Tag>
        ) : r.overdue ? (
          <Tag color="red">{t('supervisor.followups.overdue')}</Tag>
        ) : (
          <Tag color="blue">{t('supervisor.followups.open')}</Tag>
        ),
    },
    {
      title: '',
      key: 'view',
      width: 70,
      render: (_, r) => (
        <Button size="small" onClick={() => void openDetail(r.followUpId)}>
          {t('supervisor.followups.view')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <Card title={t('supervisor.followups.title')} style={{ marginBottom: 16 }}>
        <div style={{ marginBottom: 12 }}>
          <span id="followup-filter" style={{ marginInlineEnd: 8 }}>
            {t('supervisor.followups.filter')}
          </span>
          <Radio.Group
            aria-labelledby="followup-filter"
            optionType="button"
            value={filter}
            onChange={(e) => void load(e.target.value as FollowUpFilter)}
            options={FILTERS.map((f) => ({ value: f, label: t(`supervisor.followups.filters.${f}`) }))}
          />
        </div>
        {loadError && (
          <Alert
            type="error"
            showIcon
            title={t('supervisor.loadFailed')}
            description={errorMessage(loadError)}
            style={{ marginBottom: 12 }}
          />
        )}
        <Table<FollowUpView>
          rowKey="followUpId"
          size="small"
          columns={columns}
          dataSource={rows}
          loading={loading}
          rowClassName={(r) => (r.overdue && r.state === 'open' ? 'sup-row-overdue' : '')}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        />
      </Card>
      <RatingsList />
      <FollowUpDrawer />
    </>
  );
}
