import { App, Form, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserSummary } from '@common/accounts';
import { ROLES, type Role } from '@common/roles';
import { errorMessage } from '../../i18n/errors';
import { useUsersStore } from './store';

/** Gives a user another role; the change applies to their next command. */
export function ChangeRoleModal({ user, onClose }: { user: UserSummary; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const setRole = useUsersStore((s) => s.setRole);
  const [role, setChosenRole] = useState<Role>(user.role);
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    setSaving(true);
    const result = await setRole(user.id, role);
    setSaving(false);
    if (!result.ok) return void message.error(errorMessage(result.error));
    void message.success(t('users.roleChanged', { name: user.displayName, role: t(`roles.${role}`) }));
    onClose();
  };

  return (
    <Modal
      open
      title={t('users.roleTitle', { name: user.displayName })}
      okText={t('users.confirm')}
      cancelText={t('users.cancel')}
      okButtonProps={{ disabled: role === user.role }}
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
    >
      <Form name="changeRole" layout="vertical">
        <Form.Item label={t('users.newRole')} htmlFor="change-role-select">
          <Select<Role>
            id="change-role-select"
            value={role}
            onChange={setChosenRole}
            options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
