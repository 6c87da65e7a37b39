import { Alert, Button, Card, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '@common/audit';
import { auditActionLabel, auditActorLabel } from '../../i18n';
import { formatDateTime } from '../../i18n/datetime';
import { errorMessage } from '../../i18n/errors';
import { AuditFilterBar } from './AuditFilterBar';
import { ChainCheckButton, ChainCheckOutcome } from './ChainCheck';
import { describeDetails, describeTarget } from './describe-details';
import { useAuditStore } from './store';

/** The audit log, newest first, with filters and the chain check. */
export function AuditPage() {
  const { t } = useTranslation();
  const entries = useAuditStore((s) => s.entries);
  const loading = useAuditStore((s) => s.loading);
  const hasMore = useAuditStore((s) => s.hasMore);
  const loadError = useAuditStore((s) => s.loadError);
  const search = useAuditStore((s) => s.search);
  const loadMore = useAuditStore((s) => s.loadMore);

  useEffect(() => {
    void search({});
  }, [search]);

  const columns: ColumnsType<AuditEntry> = [
    { title: t('audit.time'), dataIndex: 'at', width: 180, render: (at: string) => formatDateTime(at) },
    { title: t('audit.actor'), key: 'actor', width: 160, render: (_v, e) => auditActorLabel(e, true) },
    { title: t('audit.action'), dataIndex: 'action', width: 150, render: (action: string) => auditActionLabel(action) },
    { title: t('audit.target'), key: 'target', width: 160, render: (_v, e) => describeTarget(e.target, e.details) },
    {
      title: t('audit.details'),
      dataIndex: 'details',
      render: (details: Record<string, unknown>) => {
        const text = describeDetails(details);
        return text ? (
          <Typography.Text ellipsis={{ tooltip: text }} style={{ maxWidth: 420 }}>
            {text}
          </Typography.Text>
        ) : (
          '—'
        );
      },
    },
  ];

  return (
    <Card title={t('audit.title')} extra={<ChainCheckButton />}>
      <div style={{ marginBottom: 16 }}>
        <AuditFilterBar onSearch={(filters) => void search(filters)} />
      </div>
      <ChainCheckOutcome />
      {loadError && (
        <Alert
          type="error"
          showIcon
          title={t('audit.loadFailed')}
          description={errorMessage(loadError)}
          style={{ marginBottom: 16 }}
        />
      )}
      <Table<AuditEntry>
        rowKey="seq"
        columns={columns}
        dataSource={entries}
        loading={loading}
        size="small"
        pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
      />
      {hasMore && (
        <div style={{ textAlign: 'center', marginTop: 16 }}>
          <Button onClick={() => void loadMore()} loading={loading}>
            {t('audit.loadMore')}
          </Button>
        </div>
      )}
    </Card>
  );
}
