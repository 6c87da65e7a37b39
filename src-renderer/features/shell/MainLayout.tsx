import { Layout } from 'antd';
import { useTranslation } from 'react-i18next';
import { AuditPage } from '../audit/AuditPage';
import { useAuthStore } from '../auth/store';
import { CasesPage } from '../cases/CasesPage';
import { useIdleLock } from '../auth/use-idle-lock';
import { HomePage } from '../home/HomePage';
import { IntakePage } from '../intake/IntakePage';
import { SettingsPage } from '../settings/SettingsPage';
import { DashboardPage } from '../supervisor/DashboardPage';
import { FollowUpsPage } from '../supervisor/FollowUpsPage';
import { LedgerPage } from '../supervisor/LedgerPage';
import { UsersPage } from '../users/UsersPage';
import { useNavStore } from './nav-store';
import { pagesFor, type PageKey } from './pages';
import { HeaderBar } from './HeaderBar';
import { SideMenu } from './SideMenu';

const PAGE_COMPONENTS: Record<PageKey, () => React.JSX.Element> = {
  home: HomePage,
  intake: IntakePage,
  cases: CasesPage,
  users: UsersPage,
  settings: SettingsPage,
  audit: AuditPage,
  ledger: LedgerPage,
  followups: FollowUpsPage,
  dashboard: DashboardPage,
};

/** The signed-in workspace; inert while the lock screen covers it. */
export function MainLayout({ locked }: { locked: boolean }) {
  const { t } = useTranslation();
  const role = useAuthStore((s) => s.session?.user.role ?? 'clerk');
  const requested = useNavStore((s) => s.page);
  useIdleLock();

  // A role changed under a signed-in user falls back to the workbench.
  const page = pagesFor(role).includes(requested) ? requested : 'home';
  const Page = PAGE_COMPONENTS[page];

  return (
    <div inert={locked} aria-hidden={locked || undefined}>
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Header>
          <HeaderBar />
        </Layout.Header>
        <Layout>
          <Layout.Sider width={200} theme="light" style={{ borderInlineEnd: '1px solid #e5e7eb' }}>
            <SideMenu role={role} />
          </Layout.Sider>
          <Layout.Content style={{ padding: 24 }} aria-label={t(`menu.${page}`)}>
            <Page />
          </Layout.Content>
        </Layout>
      </Layout>
    </div>
  );
}
