// Every page's strings in both languages, added over the sign-in screen's (./first) when the first lazy
// page loads (Providers imports this module): the sign-in bundle carries none of them (docs/decisions/0241).
import { AUDIT_ACTION_LABELS_ZH } from '@common/audit';
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
import { i18next } from './index';

/** The full resources per language and namespace (the unit tests read them too). */
export const RESOURCES = {
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
};

for (const [language, namespaces] of Object.entries(RESOURCES)) {
  for (const [ns, strings] of Object.entries(namespaces)) i18next.addResourceBundle(language, ns, strings, true, true);
}
