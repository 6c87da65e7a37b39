import {
  AuditOutlined,
  BookOutlined,
  DashboardOutlined,
  DesktopOutlined,
  FileSearchOutlined,
  FormOutlined,
  LikeOutlined,
  ProfileOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Menu } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '@common/roles';
import { useNavStore } from './nav-store';
import { pagesFor, type PageKey } from './pages';

const ICONS: Record<PageKey, ReactNode> = {
  home: <DesktopOutlined aria-hidden />,
  intake: <FormOutlined aria-hidden />,
  cases: <FileSearchOutlined aria-hidden />,
  guide: <BookOutlined aria-hidden />,
  users: <TeamOutlined aria-hidden />,
  settings: <SettingOutlined aria-hidden />,
  audit: <AuditOutlined aria-hidden />,
  ledger: <ProfileOutlined aria-hidden />,
  followups: <LikeOutlined aria-hidden />,
  dashboard: <DashboardOutlined aria-hidden />,
};

/** The pages the signed-in role may open. */
export function SideMenu({ role }: { role: Role }) {
  const { t } = useTranslation();
  const page = useNavStore((s) => s.page);
  const open = useNavStore((s) => s.open);
  return (
    <nav aria-label={t('app.title')}>
      <Menu
        mode="inline"
        selectedKeys={[page]}
        onClick={({ key }) => open(key as PageKey)}
        style={{ borderInlineEnd: 'none', paddingTop: 8 }}
        items={pagesFor(role).map((key) => ({ key, icon: ICONS[key], label: t(`menu.${key}`) }))}
      />
    </nav>
  );
}
