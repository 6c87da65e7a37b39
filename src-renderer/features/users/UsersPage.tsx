import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Table } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserSummary } from '@common/accounts';
import { errorMessage } from '../../i18n/errors';
import { useAuthStore } from '../auth/store';
import { ChangeRoleModal } from './ChangeRoleModal';
import { CreateUserModal } from './CreateUserModal';
import { ResetPasswordModal } from './ResetPasswordModal';
import { useUsersStore } from './store';
import { useUserColumns } from './user-columns';

type Dialog = { kind: 'create' } | { kind: 'reset' | 'role'; user: UserSummary } | null;

/** Administrators list, create, enable/disable, reset and re-role staff accounts. */
export function UsersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const users = useUsersStore((s) => s.users);
  const loading = useUsersStore((s) => s.loading);
  const loadError = useUsersStore((s) => s.loadError);
  const load = useUsersStore((s) => s.load);
  const setDisabled = useUsersStore((s) => s.setDisabled);
  const selfId = useAuthStore((s) => s.session?.user.id);
  const [dialog, setDialog] = useState<Dialog>(null);

  useEffect(() => {
    void load();
  }, [load]);

  const toggleDisabled = async (user: UserSummary) => {
    const result = await setDisabled(user.id, !user.disabled);
    if (!result.ok) return void message.error(errorMessage(result.error));
    void message.success(t(user.disabled ? 'users.enabled' : 'users.disabledDone', { name: user.displayName }));
  };

  const columns = useUserColumns({
    selfId,
    onToggleDisabled: toggleDisabled,
    onResetPassword: (user) => setDialog({ kind: 'reset', user }),
    onChangeRole: (user) => setDialog({ kind: 'role', user }),
  });

  return (
    <Card
      title={t('users.title')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
          {t('users.create')}
        </Button>
      }
    >
      {loadError && (
        <Alert
          type="error"
          showIcon
          title={t('users.loadFailed')}
          description={errorMessage(loadError)}
          style={{ marginBottom: 16 }}
        />
      )}
      <Table<UserSummary>
        rowKey="id"
        columns={columns}
        dataSource={users}
        loading={loading}
        pagination={false}
        size="middle"
      />
      {dialog?.kind === 'create' && <CreateUserModal onClose={() => setDialog(null)} />}
      {dialog?.kind === 'reset' && <ResetPasswordModal user={dialog.user} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'role' && <ChangeRoleModal user={dialog.user} onClose={() => setDialog(null)} />}
    </Card>
  );
}
