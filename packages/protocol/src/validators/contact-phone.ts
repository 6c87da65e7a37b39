import { validateLandline, type Landline, type LandlineOptions } from './landline';
import { validateMobile } from './mobile';
import { invalid, valid, type Validation } from './result';

/** A checked 联系电话: either an 11-digit mobile number or a landline. */
export type ContactPhone = { kind: 'mobile'; number: string } | { kind: 'landline'; landline: Landline };

/**
 * Validates a contact-phone field that accepts a mobile or a landline: tries the mobile rules, then
 * the landline rules, and reports 'phone-format' when neither fits.
 */
export function validateContactPhone(
  s: string | null | undefined,
  opts: LandlineOptions = {},
): Validation<ContactPhone> {
  const mobile = validateMobile(s);
  if (mobile.ok) return valid({ kind: 'mobile', number: mobile.value }, mobile.warnings);
  if (mobile.errors.some((e) => e.code === 'required' || e.code === 'too-long')) return mobile;
  const landline = validateLandline(s, opts);
  if (landline.ok) return valid({ kind: 'landline', landline: landline.value }, landline.warnings);
  return invalid(['phone-format']);
}
