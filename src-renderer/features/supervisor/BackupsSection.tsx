import { CloudUploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Input, Modal, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupRecord } from '@common/supervisor/views';
import { formatDateTime } from '../../i18n/datetime';
import { errorMessage } from '../../i18n/errors';
import { useAuthStore } from '../auth/store';
import { useDashboardStore } from './dashboard-store';

const size = (bytes: number | null) =>
  bytes === null ? '—' : bytes > 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;

/** 备份: the list and 立即备份; administrators also 恢复 (with a typed confirmation). */
export function BackupsSection() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const backups = useDashboardStore((s) => s.backups);
  const error = useDashboardStore((s) => s.backupsError);
  const loadBackups = useDashboardStore((s) => s.loadBackups);
  const runBackup = useDashboardStore((s) => s.runBackup);
  const admin = useAuthStore((s) => s.session?.user.role === 'admin');
  const [running, setRunning] = useState(false);
  const [restoring, setRestoring] = useState<BackupRecord | null>(null);

  useEffect(() => {
    void loadBackups();
  }, [loadBackups]);

  const run = async () => {
    setRunning(true);
    const result = await runBackup();
    setRunning(false);
    if (result.ok) void message.success(t('supervisor.backups.done', { name: result.value.fileName }));
    else void message.error(errorMessage(result.error));
  };

  const columns: ColumnsType<BackupRecord> = [
    {
      title: t('supervisor.backups.cols.time'),
      dataIndex: 'finishedAt',
      width: 170,
      render: (at: string) => formatDateTime(at),
    },
    {
      title: t('supervisor.backups.cols.file'),
      dataIndex: 'fileName',
      render: (f: string, r) =>
        r.present ? (
          f
        ) : (
          <Typography.Text delete type="secondary">
            {f}
          </Typography.Text>
        ),
    },
    {
      title: t('supervisor.backups.cols.trigger'),
      dataIndex: 'trigger',
      width: 80,
      render: (v: BackupRecord['trigger']) => t(`supervisor.backups.triggers.${v}`),
    },
    {
      title: t('supervisor.backups.cols.state'),
      dataIndex: 'state',
      width: 80,
      render: (v: BackupRecord['state'], r) => (
        <Tag color={v === 'ok' ? 'green' : 'red'} title={r.error ?? undefined}>
          {t(`supervisor.backups.states.${v}`)}
        </Tag>
      ),
    },
    { title: t('supervisor.backups.cols.size'), dataIndex: 'size', width: 90, render: size },
    {
      title: t('supervisor.backups.cols.counts'),
      key: 'counts',
      width: 130,
      render: (_, r) => (r.counts ? `${r.counts.cases} / ${r.counts.auditLog}` : '—'),
    },
    ...(admin
      ? [
          {
            title: '',
            key: 'restore',
            width: 80,
            render: (_: unknown, r: BackupRecord) =>
              r.present && r.state === 'ok' ? (
                <Button size="small" danger onClick={() => setRestoring(r)}>
                  {t('supervisor.backups.restore')}
                </Button>
              ) : r.present ? null : (
                t('supervisor.backups.gone')
              ),
          },
        ]
      : []),
  ];

  return (
    <Card
      title={t('supervisor.backups.title')}
      extra={
        <Button type="primary" icon={<CloudUploadOutlined />} loading={running} onClick={() => void run()}>
          {t('supervisor.backups.run')}
        </Button>
      }
    >
      {error && (
        <Alert
          type="error"
          showIcon
          title={t('supervisor.loadFailed')}
          description={errorMessage(error)}
          style={{ marginBottom: 12 }}
        />
      )}
      {backups && (
        <Typography.Paragraph type="secondary">
          {t('supervisor.backups.folder', { folder: backups.folder, hours: backups.intervalHours, keep: backups.keep })}
        </Typography.Paragraph>
      )}
      <Table<BackupRecord>
        rowKey="backupId"
        size="small"
        columns={columns}
        dataSource={backups?.backups ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
      />
      {restoring && <RestoreModal backup={restoring} onClose={() => setRestoring(null)} />}
    </Card>
  );
}

function RestoreModal({ backup, onClose }: { backup: BackupRecord; onClose: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const restore = useDashboardStore((s) => s.restore);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    const result = await restore(backup.fileName);
    setBusy(false);
    if (!result.ok) return void message.error(errorMessage(result.error));
    onClose();
    modal.warning({
      title: t('supervisor.backups.restored', { name: backup.fileName, cases: result.value.counts.cases }),
    });
  };
  return (
    <Modal
      open
      title={t('supervisor.backups.restoreTitle', { name: backup.fileName })}
      okText={t('supervisor.backups.restoreOk')}
      okButtonProps={{ danger: true, disabled: typed.trim() !== backup.fileName }}
      cancelText={t('supervisor.cancel')}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
    >
      <Alert type="error" showIcon title={t('supervisor.backups.restoreBody')} style={{ marginBottom: 12 }} />
      <label htmlFor="restore-confirm">{t('supervisor.backups.restoreConfirm')}</label>
      <Input
        id="restore-confirm"
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        placeholder={backup.fileName}
        autoComplete="off"
        style={{ marginTop: 8 }}
      />
    </Modal>
  );
}
