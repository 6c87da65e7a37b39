import { ROLES } from '@common/roles';
import { i18next } from '../../i18n';
import { formatDateTime } from '../../i18n/datetime';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
/** Detail keys whose values are role names (users.create, users.set-role). */
const ROLE_KEYS = new Set(['role', 'from', 'to']);

/** Detail keys whose values are codes worded in `audit.detailValues`. */
const WORDED_KEYS = new Set(['reason', 'method', 'result', 'output', 'printer']);
/** Detail keys whose values have labels elsewhere in the UI messages. */
const LABELLED: Record<string, (value: string) => string> = {
  mode: (v) => i18next.t(`intake.modesShort.${v}`, { defaultValue: v }),
  idType: (v) => i18next.t(`intake.idTypes.${v}`, { defaultValue: v }),
  problems: (v) => i18next.t(`fields.${v}`, { defaultValue: v }),
  kind: (v) => i18next.t(`documents.titles.${v}`, { defaultValue: v }),
  format: (v) => i18next.t(`documents.formats.${v}`, { defaultValue: v }),
};

function describeValue(key: string, value: unknown): string {
  if (Array.isArray(value)) return value.length ? value.map((v) => describeValue(key, v)).join('、') : '—';
  if (typeof value !== 'string') return JSON.stringify(value);
  if (ISO_INSTANT.test(value)) return formatDateTime(value);
  if (ROLE_KEYS.has(key) && (ROLES as readonly string[]).includes(value)) return i18next.t(`roles.${value}`);
  // 人证核验 records the person's role in the case (applicant, agent, guardian).
  if (key === 'role') return i18next.t(`intake.identity.roles.${value}`, { defaultValue: value });
  // A sync refusal's reason is a gateway code, worded as on the case.
  if (WORDED_KEYS.has(key))
    return i18next.t(`audit.detailValues.${value}`, {
      defaultValue: i18next.t(`cases.attention.${value}`, { defaultValue: value }),
    });
  return LABELLED[key]?.(value) ?? value;
}

/** An entry's details as one line in the UI language (`原因：密码错误；…`), instants in China time; unknown keys and codes as stored. */
export function describeDetails(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([key, value]) =>
      i18next.t('audit.detailPair', {
        key: i18next.t(`audit.detailKeys.${key}`, { defaultValue: key }),
        value: describeValue(key, value),
      }),
    )
    .join(i18next.t('audit.detailSeparator'));
}
