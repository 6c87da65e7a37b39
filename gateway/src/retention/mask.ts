// What a case keeps of its personal data once retention has run: names, ID numbers and phones masked the way
// every screen masks them (packages/protocol validators/masking), addresses cut to their first characters,
// free text erased or scrubbed of ID and phone numbers. Pure functions of the stored manifests; masking a
// masked manifest changes nothing (the job is idempotent anyway: a purged case is never read again).
import type { CaseManifest, SupplementManifest } from '@tongban/protocol/sync/manifest';
import type { FollowUpStepManifest, RatingManifest } from '@tongban/protocol/sync/records';
import { maskIdNumber, maskName, maskPhone, redactPersonalData } from '@tongban/protocol/validators/masking';
import { formFieldKinds } from '../department/reference';

/** An address keeps its first characters (province, city: at most 6) and loses the rest. */
export function maskAddress(s: string): string {
  const chars = Array.from(s.trim());
  if (chars.length === 0) return '';
  const keep = Math.min(6, Math.floor(chars.length / 2));
  return chars.slice(0, keep).join('') + '*'.repeat(Math.min(8, chars.length - keep));
}

const maskPhoneOrEmpty = (s: string): string => (s.trim() === '' ? '' : maskPhone(s));

type Person = CaseManifest['applicant'];

function maskPerson<P extends Person>(p: P): P {
  return {
    ...p,
    name: maskName(p.name),
    idNumber: maskIdNumber(p.idNumber),
    phone: maskPhoneOrEmpty(p.phone),
    address: maskAddress(p.address),
  };
}

// The wizard's standard fields (catalogue STANDARD_APPLICANT_FIELD_KEYS) by the kind of data they hold.
const STANDARD_KINDS: Record<string, string> = {
  applicantName: 'person-name',
  agentName: 'person-name',
  applicantIdNumber: 'id-number',
  agentIdNumber: 'id-number',
  applicantMobile: 'mobile',
  agentMobile: 'mobile',
  applicantAddress: 'address',
  deliveryAddress: 'address',
  applicantIdType: 'select',
  applicantDivision: 'division',
  deliveryMethod: 'select',
};

/** One form value by its field's kind: choices, divisions, numbers and organisation codes stay; the rest is masked or erased. */
function maskFormValue(kind: string | undefined, value: string): string {
  switch (kind) {
    case 'select':
    case 'division':
    case 'number':
    case 'uscc':
      return value;
    case 'person-name':
      return maskName(value);
    case 'id-number':
      return maskIdNumber(value);
    case 'mobile':
    case 'landline':
      return maskPhoneOrEmpty(value);
    case 'address':
      return maskAddress(value);
    default:
      // text, textarea, date (a birth date), postcode, and keys the catalogue does not know: erased.
      return '';
  }
}

/** The case manifest with its personal data masked (everything else, including the receipt number, kept). */
export function maskCaseManifest(m: CaseManifest): CaseManifest {
  const kinds = formFieldKinds(m.matterCode, m.situationCode);
  const form = Object.fromEntries(
    Object.entries(m.form).map(([key, value]) => [key, maskFormValue(kinds.get(key) ?? STANDARD_KINDS[key], value)]),
  );
  // 电子签名 images and the texts they signed are personal data: gone with the rest (decision 0157).
  const { signatures: _signatures, faceMatches, ...rest } = m;
  return {
    ...rest,
    applicant: maskPerson(m.applicant),
    agent: m.agent ? maskPerson(m.agent) : null,
    form,
    // 人证比对: the frame (a face) goes; the figures and the frame's SHA-256 stay (decision 0154).
    ...(faceMatches ? { faceMatches: faceMatches.map((f) => ({ ...f, frame: null })) } : {}),
  };
}

/** A supplement keeps its materials; its note loses ID and phone numbers. */
export function maskSupplementManifest(s: SupplementManifest): SupplementManifest {
  return { ...s, note: redactPersonalData(s.note) };
}

/** A rating keeps its level and indicators; the real-name contact is masked, the comment scrubbed. */
export function maskRatingManifest(r: RatingManifest): RatingManifest {
  return {
    ...r,
    comment: redactPersonalData(r.comment),
    contact: r.contact ? { name: maskName(r.contact.name), phone: maskPhone(r.contact.phone) } : null,
  };
}

/** A follow-up step's note loses ID and phone numbers (the staff member's name stays). */
export function maskFollowUpStepManifest(s: FollowUpStepManifest): FollowUpStepManifest {
  return { ...s, note: redactPersonalData(s.note) };
}
