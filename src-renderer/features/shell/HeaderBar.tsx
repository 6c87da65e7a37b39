import { BankOutlined, LockOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuthStore } from '../auth/store';
import { useAppInfoStore } from '../setup/store';
import { LanguageSwitch } from './LanguageSwitch';
import { SyncBadge } from './SyncBadge';

/** Hall and window on the left; connection, user, language, lock and sign-out on the right. */
export function HeaderBar() {
  const { t } = useTranslation();
  const hall = useAppInfoStore((s) => s.info?.hall);
  const user = useAuthStore((s) => s.session?.user);
  const lock = useAuthStore((s) => s.lock);
  const logout = useAuthStore((s) => s.logout);

  return (
    <div className="header-bar">
      <div className="header-bar__left">
        <span className="brand__emblem" style={{ width: 32, height: 32, fontSize: 16 }} aria-hidden>
          <BankOutlined />
        </span>
        <strong style={{ fontSize: 18, letterSpacing: 1 }}>{t('app.title')}</strong>
        {hall && (
          <>
            <span className="header-bar__hall">{hall.name}</span>
            <Tag color="gold" variant="solid" style={{ marginInlineEnd: 0, color: '#1f2937' }}>
              {t('shell.window', { no: hall.windowNo })}
            </Tag>
          </>
        )}
      </div>
      <div className="header-bar__right">
        <SyncBadge />
        {user && (
          <span>
            <UserOutlined aria-hidden style={{ marginInlineEnd: 6 }} />
            {t('shell.userRole', { name: user.displayName, role: t(`roles.${user.role}`) })}
          </span>
        )}
        <LanguageSwitch />
        <Button ghost size="small" icon={<LockOutlined />} onClick={() => void lock()}>
          {t('shell.lock')}
        </Button>
        <Button ghost size="small" icon={<LogoutOutlined />} onClick={() => void logout()}>
          {t('shell.logout')}
        </Button>
      </div>
    </div>
  );
}
