import { z } from 'zod';

/** The service hall and window this installation serves; recorded at first run. */
export const hallSchema = z.object({
  name: z.string().trim().min(2, 'hall-name-length').max(60, 'hall-name-length'),
  divisionCode: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'division-code-format'),
  windowNo: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z-]{1,8}$/, 'window-no-format'),
  windowCode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[0-9A-Z]{4,10}$/, 'window-code-format'),
});

/** The service hall and window this installation serves. */
export type Hall = z.infer<typeof hallSchema>;

/** Sign-in and idle-lock policy, set by an administrator. */
export const securityPolicySchema = z.object({
  maxFailedLogins: z.number().int().min(3).max(10),
  lockoutMinutes: z.number().int().min(1).max(1440),
  idleLockMinutes: z.number().int().min(1).max(120),
});

/** Sign-in and idle-lock policy. */
export type SecurityPolicy = z.infer<typeof securityPolicySchema>;

/** The policy a new installation starts with (等保 level 3 expectations). */
export const DEFAULT_SECURITY_POLICY: SecurityPolicy = { maxFailedLogins: 5, lockoutMinutes: 15, idleLockMinutes: 10 };

/** Suggested window code: the division code followed by the window number, two digits at least. */
export function suggestWindowCode(divisionCode: string, windowNo: string): string {
  const no = windowNo.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
  return `${divisionCode}${no.padStart(2, '0')}`.slice(0, 10);
}
