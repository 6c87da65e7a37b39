import type { z } from 'zod';
import type { Role } from '../roles';

/** Who may run a command: anyone (no session) or a signed-in user with one of the roles. */
export type Access =
  | { readonly kind: 'public' }
  | {
      readonly kind: 'session';
      readonly roles: readonly Role[] | 'any';
      readonly allowLocked?: boolean;
      /** Allowed before the user has replaced an administrator-set password (only the change itself, lock, heartbeat). */
      readonly beforePasswordChange?: boolean;
    };

/** One command of the contract: input schema, access rule, input size limit; the output type is carried as a phantom. */
export interface CommandSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  readonly input: I;
  readonly access: Access;
  readonly maxInputBytes: number;
  /** Phantom: never set at run time; carries the output type. */
  readonly __output?: O;
}

/** Default limit for a command's serialised input. */
export const DEFAULT_MAX_INPUT_BYTES = 64 * 1024;

/** Declares a command; curried so the output type is explicit and the input schema is inferred. */
export const command =
  <O>() =>
  <I extends z.ZodType>(input: I, access: Access, maxInputBytes = DEFAULT_MAX_INPUT_BYTES): CommandSpec<I, O> => ({
    input,
    access,
    maxInputBytes,
  });

/** Anyone may call (used only for start-up, first run and sign-in). */
export const PUBLIC: Access = { kind: 'public' };

/** Any signed-in, unlocked user. */
export const SIGNED_IN: Access = { kind: 'session', roles: 'any' };

/** Signed-in users with one of the given roles. */
export const rolesOnly = (...roles: Role[]): Access => ({ kind: 'session', roles });
