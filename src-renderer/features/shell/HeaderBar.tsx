import { BankOutlined, LockOutlined, LogoutOutlined, QuestionCircleOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Switch, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuthStore } from '../auth/store';
import { useAppInfoStore } from '../setup/store';
import { useDisplayStore } from './display-store';
import { LanguageSwitch } from './LanguageSwitch';
import { useShortcutHelp } from './shortcuts';
import { SyncBadge } from './SyncBadge';

/** Hall and window on the left; connection, user, language, lock and sign-out on the right. */
export function HeaderBar() {
  const { t } = useTranslation();
  const hall = useAppInfoStore((s) => s.info?.hall);
  const user = useAuthStore((s) => s.session?.user);
  const lock = useAuthStore((s) => s.lock);
  const logout = useAuthStore((s) => s.logout);
  const largeText = useDisplayStore((s) => s.largeText);
  const setLargeText = useDisplayStore((s) => s.setLargeText);

  return (
    <div className="header-bar">
      <div className="header-bar__left">
        <span className="brand__emblem" style={{ width: 32, height: 32, fontSize: 16 }} aria-hidden>
          <BankOutlined aria-hidden />
        </span>
        <strong style={{ fontSize: 'calc(var(--fs-lead) + 2px)', letterSpacing: 1 }}>{t('app.title')}</strong>
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
        <Switch
          size="small"
          checked={largeText}
          onChange={setLargeText}
          checkedChildren={t('shell.largeText')}
          unCheckedChildren={t('shell.largeText')}
          aria-label={t('shell.largeTextLabel')}
        />
        <Button
          ghost
          size="small"
          icon={<QuestionCircleOutlined aria-hidden />}
          aria-label={t('shortcuts.open')}
          title={t('shortcuts.open')}
          onClick={() => useShortcutHelp.getState().setOpen(true)}
        />
        <Button ghost size="small" icon={<LockOutlined aria-hidden />} onClick={() => void lock()}>
          {t('shell.lock')}
        </Button>
        <Button ghost size="small" icon={<LogoutOutlined aria-hidden />} onClick={() => void logout()}>
          {t('shell.logout')}
        </Button>
      </div>
    </div>
  );
}
