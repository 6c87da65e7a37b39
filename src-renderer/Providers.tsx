import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useDisplayStore } from './features/shell/display-store';
import { themeFor } from './theme';
// Every page's strings: the screens inside these providers are the ones that need them (docs/decisions/0241).
import './i18n/resources';

const prefersReducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
const NORMAL = themeFor({ reducedMotion: prefersReducedMotion });
const LARGE = themeFor({ reducedMotion: prefersReducedMotion, largeText: true });

/**
 * antd's providers, around each screen loaded after the first one (first/lazy-with-providers.tsx): the
 * sign-in screen does not load antd (docs/decisions/0240).
 *
 * antd's locale and theme follow the UI language; motion follows the system's reduced-motion setting. */
export function Providers({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const chinese = i18n.language !== 'en';
  const theme = useDisplayStore((s) => s.largeText) ? LARGE : NORMAL;
  dayjs.locale(chinese ? 'zh-cn' : 'en');
  return (
    // No spaces forced into two-character labels (确 定): they would also change the buttons' accessible names.
    <ConfigProvider
      locale={chinese ? zhCN : enUS}
      theme={theme}
      button={{ autoInsertSpace: false }}
      wave={{ disabled: prefersReducedMotion }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}
