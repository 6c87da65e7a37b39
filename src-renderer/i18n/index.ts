import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { AuditEntry } from '@common/audit';
import { firstEn, firstZh } from './first';

/** The UI languages: Chinese first, English second. */
export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'tongban.language';

function savedLanguage(): Language {
  const saved = localStorage.getItem(STORAGE_KEY);
  return (LANGUAGES as readonly string[]).includes(saved ?? '') ? (saved as Language) : 'zh-CN';
}

void i18next.use(initReactI18next).init({
  lng: savedLanguage(),
  fallbackLng: 'zh-CN',
  initAsync: false,
  // The sign-in screen's strings; every page's (./resources) are added when the first lazy page loads.
  resources: { 'zh-CN': { translation: firstZh }, en: { translation: firstEn } },
  interpolation: { escapeValue: false },
});
document.documentElement.lang = i18next.language;

let allTranslations: Promise<unknown> | null = null;

/** Adds every page's strings (both languages); the lazy pages wait for it before they render. */
export function loadAllTranslations(): Promise<unknown> {
  allTranslations ??= import('./resources');
  return allTranslations;
}

/** Switches the UI language and remembers it on this PC. */
export function switchLanguage(language: Language): void {
  localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
  void i18next.changeLanguage(language);
}

/** The label of an audit action in the current language; unknown actions show their code. */
export function auditActionLabel(action: string): string {
  return i18next.t(action, { ns: 'auditActions', keySeparator: false, nsSeparator: false, defaultValue: action });
}

export { i18next };

/**
 * Who did it, as staff read it: the account's display name, with the login name after it when
 * `withLogin` (the audit page filters by login name); the program itself is 系统.
 */
export function auditActorLabel(
  e: Pick<AuditEntry, 'actorId' | 'actorName' | 'actorDisplayName'>,
  withLogin = false,
): string {
  if (e.actorId === null) return e.actorName === 'system' ? i18next.t('audit.systemActor') : e.actorName;
  return withLogin && e.actorDisplayName !== e.actorName
    ? `${e.actorDisplayName}（${e.actorName}）`
    : e.actorDisplayName;
}
