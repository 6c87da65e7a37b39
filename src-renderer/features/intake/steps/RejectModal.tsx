import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldMessage } from '../../../i18n/errors';

/** 不予收件: a reason of at least 4 characters is required before anything is sent. */
export function RejectModal({
  onSubmit,
  onClose,
  initialReason,
}: {
  onSubmit(reason: string): Promise<boolean>;
  onClose(): void;
  /** Prefilled reason (a 仅指引 matter's). */
  initialReason?: string;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const { reason } = await form.validateFields();
    setBusy(true);
    const done = await onSubmit(reason.trim());
    setBusy(false);
    if (done) onClose();
  };

  return (
    <Modal
      open
      title={t('intake.actions.rejectTitle')}
      okText={t('intake.actions.rejectSubmit')}
      okButtonProps={{ danger: true }}
      cancelText={t('intake.actions.cancel')}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => {})}
      onCancel={onClose}
      width={560}
    >
      <Form
        form={form}
        name="reject"
        layout="vertical"
        preserve={false}
        initialValues={initialReason ? { reason: initialReason } : undefined}
      >
        <Form.Item
          label={t('intake.actions.rejectReason')}
          name="reason"
          required
          rules={[
            {
              validator: async (_rule, value: unknown) => {
                if (typeof value !== 'string' || [...value.trim()].length < 4)
                  throw new Error(fieldMessage('reason-too-short'));
              },
            },
          ]}
        >
          <Input.TextArea rows={4} maxLength={500} showCount placeholder={t('intake.actions.rejectPlaceholder')} />
        </Form.Item>
      </Form>
      <Alert type="info" showIcon title={t('intake.actions.rejectRights')} />
    </Modal>
  );
}
