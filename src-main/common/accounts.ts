import { displayNameProblem } from '@tongban/protocol/validators/display-name';
import { z } from 'zod';
import { ROLES, type Role } from './roles';
import type { ConflictReason } from './errors';

/** Login names: ASCII letters, digits, `_ . -`, 3 to 32 characters. */
export const usernameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.-]{3,32}$/, 'username-format');

/** Display names of staff. */
export const displayNameSchema = z
  .string()
  .trim()
  .min(1, 'required')
  .max(40, 'too-long')
  .refine((name) => displayNameProblem(name) === null, 'invalid-characters');

/** Passwords as typed; strength is checked by `passwordProblems`. */
export const passwordSchema = z.string().min(1, 'required').max(128, 'too-long');

/** A role name. */
export const roleSchema = z.enum(ROLES);

/** Minimum password rules: 8+ characters, letters and digits, not the login name. */
export function passwordProblems(password: string, username: string): string[] {
  const problems: string[] = [];
  if ([...password].length < 8) problems.push('password-too-short');
  if (!/[A-Za-z]/.test(password) || !/[0-9]/.test(password)) problems.push('password-needs-letters-and-digits');
  if (password.toLowerCase().includes(username.toLowerCase())) problems.push('password-contains-username');
  return problems;
}

/** A staff account as listed to administrators. */
export interface UserSummary {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  disabled: boolean;
  lockedUntil: string | null;
  failedLogins: number;
  /** An administrator set the password (created or reset it): the user must choose their own at sign-in. */
  mustChangePassword: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

/** The signed-in user as the UI sees it. */
export interface SessionInfo {
  user: { id: number; username: string; displayName: string; role: Role };
  locked: boolean;
  idleLockMinutes: number;
  /** Nothing but `auth:changePassword` (and sign-out/lock) is allowed until the user sets their own password. */
  mustChangePassword: boolean;
}

/** Why an account change was refused (`details.reason` of a `conflict`). */
export const CONFLICT_REASONS = { self: 'self', lastAdmin: 'last-admin' } as const satisfies Record<
  string,
  ConflictReason
>;
