import { gb11714CheckChar, usccCheckChar } from './check-digits';
import { prepareInput } from './input';
import { invalid, valid, warning, type Validation, type ValidatorCode } from './result';

/** A checked unified social credit code (GB 32100-2015) split into its parts. */
export type Uscc = {
  code: string;
  /** Position 1: 登记管理部门代码 (e.g. 9 market regulation, 5 civil affairs, 1 编制). */
  registrationAuthority: string;
  /** Position 2: 机构类别 within that authority. */
  category: string;
  /** Positions 3-8: GB/T 2260 code of the registering authority. */
  regionCode: string;
  /** Positions 9-17: GB 11714 organisation code (8 body characters + check). */
  organizationCode: string;
};

/**
 * Options of validateUscc. acceptChecksumOverride: staff confirmed a code that fails a check
 * (and the caller recorded why), so checksum failures become warnings; format errors never do.
 */
export type UsccOptions = { acceptChecksumOverride?: boolean };

/**
 * Validates a unified social credit code: format and GB 32100 check character ('uscc-checksum'),
 * plus the GB 11714 check of the embedded organisation code ('uscc-org-checksum'). Both checksum
 * errors are hard by default and overridable (see OVERRIDABLE_CODES): some genuine early pilot codes
 * fail the GB 32100 check (domain-facts §2.3).
 */
export function validateUscc(s: string | null | undefined, opts: UsccOptions = {}): Validation<Uscc> {
  const text = prepareInput(s);
  if (typeof text !== 'string') return text;
  const code = text.toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return invalid(['uscc-format']);

  const failures: ValidatorCode[] = [];
  if (usccCheckChar(code.slice(0, 17)) !== code.charAt(17)) failures.push('uscc-checksum');
  if (gb11714CheckChar(code.slice(8, 16)) !== code.charAt(16)) failures.push('uscc-org-checksum');

  const value: Uscc = {
    code,
    registrationAuthority: code.charAt(0),
    category: code.charAt(1),
    regionCode: code.slice(2, 8),
    organizationCode: code.slice(8, 17),
  };
  if (failures.length === 0) return valid(value);
  return opts.acceptChecksumOverride ? valid(value, failures.map(warning)) : invalid(failures);
}
