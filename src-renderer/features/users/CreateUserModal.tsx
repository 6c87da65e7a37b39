import { App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { displayNameSchema, usernameSchema } from '@common/accounts';
import { ROLES, type Role } from '@common/roles';
import { passwordRule, sameAsRule, schemaRule } from '../../forms/rules';
import { showFieldErrors } from '../../forms/server-errors';
import { errorMessage } from '../../i18n/errors';
import { useUsersStore } from './store';

interface NewUserFields {
  username: string;
  displayName: string;
  role: Role;
  password: string;
  confirmPassword: string;
}

/** The form for a new staff account. */
export function CreateUserModal({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewUserFields>();
  const create = useUsersStore((s) => s.create);
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    const { confirmPassword: _confirm, ...input } = await form.validateFields();
    setSaving(true);
    const result = await create(input);
    setSaving(false);
    if (result.ok) {
      void message.success(t('users.created', { name: result.value.displayName }));
      onClose();
    } else if (!showFieldErrors(form, result.error)) {
      void message.error(errorMessage(result.error));
    }
  };

  return (
    <Modal
      open
      title={t('users.createTitle')}
      okText={t('users.confirm')}
      cancelText={t('users.cancel')}
      confirmLoading={saving}
      onOk={() => void submit().catch(() => {})}
      onCancel={onClose}
    >
      <Form form={form} name="createUser" layout="vertical" initialValues={{ role: 'clerk' }} preserve={false}>
        <Form.Item label={t('users.username')} name="username" rules={[schemaRule(usernameSchema)]} required>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('users.displayName')} name="displayName" rules={[schemaRule(displayNameSchema)]} required>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('users.role')} name="role" required>
          <Select options={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))} />
        </Form.Item>
        <Form.Item
          label={t('users.password')}
          name="password"
          rules={[passwordRule(() => form.getFieldValue('username') as string | undefined)]}
          extra={t('setup.passwordHelp')}
          required
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label={t('users.confirmPassword')}
          name="confirmPassword"
          dependencies={['password']}
          rules={[sameAsRule('password')]}
          required
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
