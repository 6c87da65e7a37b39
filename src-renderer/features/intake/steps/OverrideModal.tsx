import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VerificationRole } from '@common/identity/verification';
import { errorMessage } from '../../../i18n/errors';
import { useIdentityStore } from '../identity-store';

/** 主管核准: a supervisor lets a role through despite a failed or missing verification, with a reason (audited). */
export function OverrideModal({ caseId, role, onClose }: { caseId: string; role: VerificationRole; onClose(): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const override = useIdentityStore((s) => s.override);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async () => {
    const { reason } = await form.validateFields();
    setBusy(true);
    const result = await override({ caseId, role, reason: reason.trim() });
    setBusy(false);
    if (!result.ok) return setProblem(errorMessage(result.error));
    onClose();
  };

  return (
    <Modal
      open
      title={t('identity.panel.overrideTitle', { role: t(`intake.identity.roles.${role}`) })}
      okText={t('identity.panel.overrideSubmit')}
      cancelText={t('intake.actions.cancel')}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => {})}
      onCancel={onClose}
    >
      <Alert type="warning" showIcon title={t('identity.panel.overrideIntro')} style={{ marginBottom: 16 }} />
      <Form form={form} name="overrideIdentity" layout="vertical" preserve={false} initialValues={{ reason: '' }}>
        <Form.Item
          label={t('identity.panel.overrideReason')}
          name="reason"
          rules={[
            {
              validator: async (_r, v: unknown) => {
                if (typeof v !== 'string' || v.trim().length < 4)
                  throw new Error(t('identity.panel.overrideReasonRequired'));
              },
            },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} placeholder={t('identity.panel.overrideReasonPlaceholder')} />
        </Form.Item>
      </Form>
      {problem && <Alert type="error" showIcon title={problem} />}
    </Modal>
  );
}
