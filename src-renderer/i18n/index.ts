import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { AUDIT_ACTION_LABELS_ZH, type AuditEntry } from '@common/audit';
import { SUPERVISOR_AUDIT_ACTION_LABELS_ZH } from '@common/supervisor/audit-actions';
import { AUDIT_ACTION_LABELS_EN, en } from './en';
import { SUPERVISOR_AUDIT_LABELS_EN } from './supervisor.en';
import { zhCN } from './zh-CN';
import { TICKET_AUDIT_LABELS_EN, ticketsEn } from './tickets.en';
import { ticketsZh } from './tickets.zh-CN';
import { resultEn } from './result.en';
import { resultZh } from './result.zh-CN';
import { verifyBaseEn, verifyBaseFieldsEn } from './verify-base.en';
import { verifyBaseFieldsZh, verifyBaseZh } from './verify-base.zh-CN';
import { rerouteEn } from './reroute.en';
import { rerouteZh } from './reroute.zh-CN';

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
  resources: {
    'zh-CN': {
      translation: {
        ...zhCN,
        fields: { ...zhCN.fields, ...verifyBaseFieldsZh },
        tickets: ticketsZh,
        result: resultZh,
        verifyBase: verifyBaseZh,
        reroute: rerouteZh,
      },
      auditActions: { ...AUDIT_ACTION_LABELS_ZH, ...SUPERVISOR_AUDIT_ACTION_LABELS_ZH },
    },
    en: {
      translation: {
        ...en,
        fields: { ...en.fields, ...verifyBaseFieldsEn },
        tickets: ticketsEn,
        result: resultEn,
        verifyBase: verifyBaseEn,
        reroute: rerouteEn,
      },
      auditActions: { ...AUDIT_ACTION_LABELS_EN, ...SUPERVISOR_AUDIT_LABELS_EN, ...TICKET_AUDIT_LABELS_EN },
    },
  },
  interpolation: { escapeValue: false },
});
document.documentElement.lang = i18next.language;

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
