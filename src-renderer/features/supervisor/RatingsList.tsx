import { Alert, Card, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { RatingView } from '@common/supervisor/views';
import { formatDateTime } from '../../i18n/datetime';
import { errorMessage } from '../../i18n/errors';
import { levelLabel, LEVEL_COLORS } from './format';
import { useFollowUpsStore } from './followups-store';

/** Ratings of the last 30 days (contacts masked). */
export function RatingsList() {
  const { t } = useTranslation();
  const ratings = useFollowUpsStore((s) => s.ratings);
  const error = useFollowUpsStore((s) => s.ratingsError);
  const columns: ColumnsType<RatingView> = [
    {
      title: t('supervisor.followups.ratingsCols.time'),
      dataIndex: 'ratedAt',
      width: 160,
      render: (at: string) => formatDateTime(at),
    },
    {
      title: t('supervisor.followups.cols.documentNo'),
      dataIndex: 'documentNo',
      width: 190,
      render: (v: string | null) => v ?? t('supervisor.none'),
    },
    {
      title: t('supervisor.followups.ratingsCols.level'),
      dataIndex: 'level',
      width: 110,
      render: (l: number) => <Tag color={LEVEL_COLORS[l]}>{levelLabel(l)}</Tag>,
    },
    {
      title: t('supervisor.followups.ratingsCols.indicators'),
      dataIndex: 'indicators',
      width: 200,
      render: (v: string[]) => v.map((i) => t(`supervisor.indicators.${i}`)).join('、'),
    },
    {
      title: t('supervisor.followups.cols.comment'),
      dataIndex: 'comment',
      ellipsis: true,
      render: (c: string) => c || t('supervisor.none'),
    },
    { title: t('supervisor.followups.ratingsCols.matter'), dataIndex: 'matterName', width: 160 },
    { title: t('supervisor.followups.ratingsCols.clerk'), dataIndex: 'clerkName', width: 90 },
    {
      title: t('supervisor.followups.ratingsCols.contact'),
      key: 'contact',
      width: 150,
      render: (_, r) =>
        r.realName ? `${r.contactName ?? ''} ${r.contactPhoneMasked ?? ''}` : t('supervisor.followups.anonymous'),
    },
  ];
  return (
    <Card title={t('supervisor.followups.ratingsTitle')}>
      {error && (
        <Alert
          type="error"
          showIcon
          title={t('supervisor.loadFailed')}
          description={errorMessage(error)}
          style={{ marginBottom: 12 }}
        />
      )}
      <Table<RatingView>
        rowKey="ratingId"
        size="small"
        columns={columns}
        dataSource={ratings}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
      />
    </Card>
  );
}
