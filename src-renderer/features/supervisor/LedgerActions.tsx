import { DownloadOutlined, LockOutlined, SafetyCertificateOutlined, UnlockOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../i18n/errors';
import { useAuthStore } from '../auth/store';
import { useLedgerStore } from './ledger-store';

/** XLSX / CSV / PDF exports of the current scope, saved as downloads. */
export function ExportButtons() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const exportAs = useLedgerStore((s) => s.exportAs);
  const [busy, setBusy] = useState<string | null>(null);
  const run = async (format: 'xlsx' | 'csv' | 'pdf') => {
    setBusy(format);
    const result = await exportAs(format);
    setBusy(null);
    if (result.ok)
      void message.success(t('supervisor.export.done', { name: result.value.fileName, rows: result.value.rows }));
    else void message.error(`${t('supervisor.export.failed')}：${errorMessage(result.error)}`);
  };
  return (
    <Space wrap>
      {(['xlsx', 'csv', 'pdf'] as const).map((f) => (
        <Button
          key={f}
          icon={<DownloadOutlined />}
          loading={busy === f}
          disabled={busy !== null && busy !== f}
          onClick={() => void run(f)}
        >
          {t(`supervisor.export.${f}`)}
        </Button>
      ))}
    </Space>
  );
}

/** 日结, 校验日结 and (administrators) 重新开放 for the single day shown. */
export function DayCloseActions({ date, closed }: { date: string; closed: boolean }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const closeDay = useLedgerStore((s) => s.closeDay);
  const unsentOn = useLedgerStore((s) => s.unsentOn);
  const verifyDay = useLedgerStore((s) => s.verifyDay);
  const admin = useAuthStore((s) => s.session?.user.role === 'admin');
  const [reopening, setReopening] = useState(false);

  const confirmClose = async () => {
    // Cases still on their way are not lost by 日结, but the day's figures are locked before the
    // department has them: say so before the supervisor confirms.
    const unsent = await unsentOn(date);
    modal.confirm({
      title: t('supervisor.close.title', { date }),
      content: (
        <>
          {unsent > 0 && (
            <Alert type="warning" showIcon role="alert" title={t('supervisor.close.unsent', { count: unsent })} />
          )}
          <p>{t('supervisor.close.body')}</p>
        </>
      ),
      okText: t('supervisor.close.ok'),
      cancelText: t('supervisor.cancel'),
      onOk: async () => {
        const result = await closeDay(date);
        if (result.ok) void message.success(t('supervisor.close.done', { date }));
        else void message.error(errorMessage(result.error));
      },
    });
  };

  const verify = async () => {
    const result = await verifyDay(date);
    if (!result.ok) void message.error(errorMessage(result.error));
  };

  return (
    <Space wrap>
      <Button type="primary" icon={<LockOutlined />} onClick={() => void confirmClose()}>
        {t('supervisor.close.button')}
      </Button>
      {closed && (
        <Button icon={<SafetyCertificateOutlined />} onClick={() => void verify()}>
          {t('supervisor.close.verify')}
        </Button>
      )}
      {closed && admin && (
        <Button danger icon={<UnlockOutlined />} onClick={() => setReopening(true)}>
          {t('supervisor.close.reopen')}
        </Button>
      )}
      {reopening && <ReopenModal date={date} onClose={() => setReopening(false)} />}
    </Space>
  );
}

function ReopenModal({ date, onClose }: { date: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const reopenDay = useLedgerStore((s) => s.reopenDay);
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const { reason } = await form.validateFields();
    setSaving(true);
    const result = await reopenDay(date, reason);
    setSaving(false);
    if (!result.ok) return void message.error(errorMessage(result.error));
    void message.success(t('supervisor.close.reopened', { date }));
    onClose();
  };
  return (
    <Modal
      open
      title={t('supervisor.close.reopenTitle', { date })}
      okText={t('supervisor.close.reopenOk')}
      okButtonProps={{ danger: true }}
      cancelText={t('supervisor.cancel')}
      confirmLoading={saving}
      onOk={() => void submit().catch(() => {})}
      onCancel={onClose}
    >
      <p>{t('supervisor.close.reopenBody')}</p>
      <Form form={form} name="reopenDay" layout="vertical" preserve={false}>
        <Form.Item
          label={t('supervisor.close.reason')}
          name="reason"
          rules={[{ required: true, whitespace: true, min: 4, message: t('fields.required') }]}
        >
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
