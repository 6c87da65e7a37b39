import { Button, Popconfirm, Space, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { UserSummary } from '@common/accounts';
import { formatDateTime, formatUntil } from '../../i18n/datetime';
import { useUsersStore } from './store';

interface ColumnActions {
  selfId: number | undefined;
  onToggleDisabled(user: UserSummary): Promise<void>;
  onResetPassword(user: UserSummary): void;
  onChangeRole(user: UserSummary): void;
}

function StateTag({ user }: { user: UserSummary }) {
  const { t } = useTranslation();
  const listedAt = useUsersStore((s) => s.listedAt);
  if (user.disabled) return <Tag color="red">{t('users.disabled')}</Tag>;
  if (user.lockedUntil && Date.parse(user.lockedUntil) > listedAt) {
    return <Tag color="orange">{t('users.lockedUntil', { time: formatUntil(user.lockedUntil, listedAt) })}</Tag>;
  }
  return <Tag color="green">{t('users.active')}</Tag>;
}

/** The columns of the users table, with the row actions. */
export function useUserColumns(actions: ColumnActions): ColumnsType<UserSummary> {
  const { t } = useTranslation();
  return [
    { title: t('users.username'), dataIndex: 'username' },
    { title: t('users.displayName'), dataIndex: 'displayName' },
    { title: t('users.role'), dataIndex: 'role', render: (role: UserSummary['role']) => t(`roles.${role}`) },
    { title: t('users.state'), key: 'state', render: (_, user) => <StateTag user={user} /> },
    {
      title: t('users.lastLogin'),
      dataIndex: 'lastLoginAt',
      render: (at: string | null) => (at ? formatDateTime(at) : t('users.never')),
    },
    {
      title: t('users.actions'),
      key: 'actions',
      render: (_, user) => (
        <Space size={0} wrap>
          <Popconfirm
            title={t(user.disabled ? 'users.confirmEnable' : 'users.confirmDisable', { name: user.displayName })}
            okText={t('users.confirm')}
            cancelText={t('users.cancel')}
            onConfirm={() => actions.onToggleDisabled(user)}
            disabled={!user.disabled && user.id === actions.selfId}
          >
            <Button
              type="link"
              size="small"
              danger={!user.disabled}
              disabled={!user.disabled && user.id === actions.selfId}
            >
              {t(user.disabled ? 'users.enable' : 'users.disable')}
            </Button>
          </Popconfirm>
          <Button type="link" size="small" onClick={() => actions.onResetPassword(user)}>
            {t('users.resetPassword')}
          </Button>
          <Button type="link" size="small" onClick={() => actions.onChangeRole(user)}>
            {t('users.changeRole')}
          </Button>
        </Space>
      ),
    },
  ];
}
