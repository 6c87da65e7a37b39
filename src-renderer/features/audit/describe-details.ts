import { ROLES } from '@common/roles';
import { i18next } from '../../i18n';
import { formatDateTime } from '../../i18n/datetime';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
/** Internal identifiers (verification, print, supplement … ids): meaningless to a reader, so not shown. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
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

const keyLabel = (key: string) => i18next.t(`audit.detailKeys.${key}`, { defaultValue: key });

type Leaf = string | number | boolean | null;

/** The leaves of a nested object, by dotted path. */
function leaves(value: unknown, path: string[] = [], out = new Map<string, { path: string[]; value: Leaf }>()) {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) leaves(v, [...path, k], out);
  } else {
    out.set(path.join('.'), { path, value: Array.isArray(value) ? value.join('、') : (value as Leaf) });
  }
  return out;
}

function describeLeaf(key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return i18next.t('audit.detailEmpty');
  if (typeof value === 'boolean') return i18next.t(value ? 'audit.detailYes' : 'audit.detailNo');
  return describeValue(key, value);
}

/** A settings change as `修改：读卡方式（http → simulated）…`: only the values that changed, secrets never. */
function describeChange(before: unknown, after: unknown): string {
  const was = leaves(before);
  const now = leaves(after);
  const changed = [...new Set([...was.keys(), ...now.keys()])].filter(
    (k) => JSON.stringify(was.get(k)?.value) !== JSON.stringify(now.get(k)?.value),
  );
  if (!changed.length) return i18next.t('audit.noChange');
  return changed
    .map((k) => {
      const path = (now.get(k) ?? was.get(k))?.path ?? [k];
      const last = path[path.length - 1] ?? k;
      const label = path.map(keyLabel).join(' · ');
      if (/password|secret|token|key$/i.test(last)) return label;
      return `${label}（${describeLeaf(last, was.get(k)?.value)} → ${describeLeaf(last, now.get(k)?.value)}）`;
    })
    .join('；');
}

function describeValue(key: string, value: unknown): string {
  if (Array.isArray(value)) {
    if (value.length && value.every((v) => typeof v === 'string' && UUID.test(v)))
      return i18next.t('audit.detailCount', { count: value.length });
    return value.length ? value.map((v) => describeValue(key, v)).join('、') : '—';
  }
  if (value !== null && typeof value === 'object')
    return [...leaves(value).values()]
      .map((l) => `${l.path.map(keyLabel).join(' · ')} ${describeLeaf(l.path[l.path.length - 1] ?? key, l.value)}`)
      .join('，');
  if (typeof value !== 'string') return String(value);
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
  const { before, after, ...rest } = details;
  const change =
    before !== null && typeof before === 'object' && after !== null && typeof after === 'object'
      ? [i18next.t('audit.detailPair', { key: i18next.t('audit.changed'), value: describeChange(before, after) })]
      : [];
  const others = change.length ? rest : details;
  return Object.entries(others)
    .filter(([, value]) => !(typeof value === 'string' && UUID.test(value)))
    .map(([key, value]) =>
      i18next.t('audit.detailPair', {
        key: i18next.t(`audit.detailKeys.${key}`, { defaultValue: key }),
        value: describeValue(key, value),
      }),
    )
    .concat(change)
    .join(i18next.t('audit.detailSeparator'));
}

/** The target of an entry as staff read it: `办件 5001…-0004F`, `用户 #3`; never a bare UUID. */
export function describeTarget(target: string | null, details: Record<string, unknown>): string {
  if (!target) return '—';
  const [kind, id = ''] = target.split(':');
  const label = i18next.t(`audit.targets.${kind}`, { defaultValue: kind ?? '' });
  if (typeof details.documentNo === 'string') return `${label} ${details.documentNo}`;
  if (UUID.test(id)) return label;
  return id ? `${label} ${id}` : label;
}
