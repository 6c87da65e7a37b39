import { ROLES } from '../../../src-main/common/roles';
import { i18next } from '../../i18n';
import { formatDateTime } from '../../i18n/datetime';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
/** Detail keys whose values are role names (users.create, users.set-role). */
const ROLE_KEYS = new Set(['role', 'from', 'to']);

function describeValue(key: string, value: unknown): string {
  if (typeof value !== 'string') return JSON.stringify(value);
  if (ISO_INSTANT.test(value)) return formatDateTime(value);
  if (ROLE_KEYS.has(key) && (ROLES as readonly string[]).includes(value)) return i18next.t(`roles.${value}`);
  if (key === 'reason') return i18next.t(`audit.detailValues.${value}`, { defaultValue: value });
  return value;
}

/** An entry's details as one line in the UI language (`原因：密码错误；…`), instants in China time; unknown keys and codes as stored. */
export function describeDetails(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([key, value]) =>
      i18next.t('audit.detailPair', { key: i18next.t(`audit.detailKeys.${key}`, { defaultValue: key }), value: describeValue(key, value) }),
    )
    .join(i18next.t('audit.detailSeparator'));
}
