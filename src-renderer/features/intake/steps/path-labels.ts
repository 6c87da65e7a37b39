import { materialsFor } from '@common/cases/formal-check';
import type { Situation } from '@tongban/protocol/catalogue/schema';
import { i18next } from '../../../i18n';

const PERSON_KEYS = new Set(['name', 'idType', 'idNumber', 'phone', 'address', 'relationship']);

/** Where a problem is, in words: `申请人 · 证件号码`, a form field's label, a material's name. */
export function pathLabel(path: string, situation: Situation): string {
  const t = i18next.t.bind(i18next);
  const [head = '', rest = ''] = path.split(/\.(.*)/s);
  if (head === 'applicant' || head === 'agent') {
    const who = t(`intake.person.${head}`);
    return PERSON_KEYS.has(rest) ? `${who} · ${t(`intake.person.${rest}`)}` : who;
  }
  if (head === 'form') return situation.fields.find((f) => f.key === rest)?.label ?? rest;
  if (head === 'materials')
    return materialsFor(situation, { mode: 'proxy' }).find((m) => m.code === rest)?.name ?? rest;
  if (head === 'guardian') return t('intake.identity.roles.guardian');
  if (head === 'mode') return t('intake.person.mode');
  if (head === 'localityDivision') return t('intake.locality.label');
  if (head === 'delivery') return t('intake.delivery.label');
  if (head === 'deliveryAddress') return t('intake.delivery.address');
  return path;
}
