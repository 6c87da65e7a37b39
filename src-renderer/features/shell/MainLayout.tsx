import { Layout, Spin } from 'antd';
import { lazy, Suspense, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuthStore } from '../auth/store';
import { useIdleLock } from '../auth/use-idle-lock';
import { HomePage } from '../home/HomePage';
import { useNavStore } from './nav-store';
import { pagesFor, type PageKey } from './pages';
import { HeaderBar } from './HeaderBar';
import { ProgressDock } from '../progress/ProgressDock';
import { useShortcuts } from './shortcuts';
import { ShortcutHelp } from './ShortcutHelp';
import { SideMenu } from './SideMenu';
import { UpdateBanner } from './UpdateBanner';

/** A page loaded on first use, so the supervisor pages, charts and settings stay out of the first bundles. */
function page<K extends string>(load: () => Promise<Record<K, () => React.JSX.Element>>, name: K): ComponentType {
  return lazy(async (): Promise<{ default: ComponentType }> => ({ default: (await load())[name] }));
}

const PAGE_COMPONENTS: Record<PageKey, ComponentType> = {
  home: HomePage,
  intake: page(() => import('../intake/IntakePage'), 'IntakePage'),
  cases: page(() => import('../cases/CasesPage'), 'CasesPage'),
  guide: page(() => import('../guide/GuidePage'), 'GuidePage'),
  users: page(() => import('../users/UsersPage'), 'UsersPage'),
  settings: page(() => import('../settings/SettingsPage'), 'SettingsPage'),
  audit: page(() => import('../audit/AuditPage'), 'AuditPage'),
  ledger: page(() => import('../supervisor/LedgerPage'), 'LedgerPage'),
  followups: page(() => import('../supervisor/FollowUpsPage'), 'FollowUpsPage'),
  dashboard: page(() => import('../supervisor/DashboardPage'), 'DashboardPage'),
};

/** The signed-in workspace; inert while the lock screen covers it. */
export function MainLayout({ locked }: { locked: boolean }) {
  const { t } = useTranslation();
  const role = useAuthStore((s) => s.session?.user.role ?? 'clerk');
  const requested = useNavStore((s) => s.page);
  useIdleLock();
  useShortcuts(!locked);

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
            <UpdateBanner />
            <Suspense fallback={<Spin size="large" description={t('app.loading')} />}>
              <Page />
            </Suspense>
          </Layout.Content>
        </Layout>
      </Layout>
      <ProgressDock />
      <ShortcutHelp />
    </div>
  );
}
