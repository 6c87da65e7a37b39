import { App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserSummary } from '@common/accounts';
import { passwordRule, sameAsRule } from '../../forms/rules';
import { showFieldErrors } from '../../forms/server-errors';
import { errorMessage } from '../../i18n/errors';
import { useUsersStore } from './store';

/** Sets a new password for a user (who forgot theirs, or was locked out). */
export function ResetPasswordModal({ user, onClose }: { user: UserSummary; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ newPassword: string; confirmNewPassword: string }>();
  const resetPassword = useUsersStore((s) => s.resetPassword);
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    const { newPassword } = await form.validateFields();
    setSaving(true);
    const result = await resetPassword(user.id, newPassword);
    setSaving(false);
    if (result.ok) {
      void message.success(t('users.passwordReset', { name: user.displayName }));
      onClose();
    } else if (!showFieldErrors(form, result.error, { password: ['newPassword'] })) {
      void message.error(errorMessage(result.error));
    }
  };

  return (
    <Modal
      open
      title={t('users.resetTitle', { name: user.displayName })}
      okText={t('users.confirm')}
      cancelText={t('users.cancel')}
      confirmLoading={saving}
      onOk={() => void submit().catch(() => {})}
      onCancel={onClose}
    >
      <Form form={form} name="resetPassword" layout="vertical" preserve={false}>
        <Form.Item
          label={t('users.newPassword')}
          name="newPassword"
          rules={[passwordRule(() => user.username)]}
          extra={t('setup.passwordHelp')}
          required
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label={t('users.confirmNewPassword')}
          name="confirmNewPassword"
          dependencies={['newPassword']}
          rules={[sameAsRule('newPassword')]}
          required
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
