import type { z } from 'zod';
import { commands, isCommandName, type CommandName, type CommandOutput, type ParsedInput } from '@common/contract';
import { AppError } from '@common/errors';
import { fail, ok, type FieldProblem, type Result } from '@common/result';
import { actorOf, type ActiveSession, type AuthService } from '../auth/auth-service';
import type { Actor } from '../audit/audit-log';
import type { Staff } from '../cases/intake-service';
import type { AuditLog } from '../audit/audit-log';
import type { Logger } from '../log/logger';

/** What a handler knows about its caller. */
export interface CallContext {
  callerId: string;
  /** The caller's session; present for every non-public command. */
  active: ActiveSession | null;
}

/** One handler per declared command: the compiler asks for a new one when a command is added. */
export type Handlers = {
  [K in CommandName]: (input: ParsedInput<K>, ctx: CallContext) => CommandOutput<K> | Promise<CommandOutput<K>>;
};

/** The single entry point every transport (IPC, HTTP) calls. */
export type Gate = (callerId: string, name: string, rawInput: unknown, inputBytes: number) => Promise<Result<unknown>>;

/** The session of a context that the gate has already checked. */
export function sessionOf(ctx: CallContext): ActiveSession {
  if (!ctx.active) throw new AppError('unauthenticated', 'no session');
  return ctx.active;
}

/** The audit actor of a checked context. */
export function actorFor(ctx: CallContext): Actor {
  return actorOf(sessionOf(ctx));
}

/** The staff member of a checked context, with the role services decide on. */
export function staffFor(ctx: CallContext): Staff {
  const { user } = sessionOf(ctx);
  return { ...actorFor(ctx), id: user.id, role: user.role };
}

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function fieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    code: KEBAB.test(issue.message) ? issue.message : `schema-${issue.code.replace(/_/g, '-')}`,
  }));
}

/** Builds the gate: command lookup, size limit, session, role, input parse, handler, `Result`. */
export function createGate(deps: { auth: AuthService; handlers: Handlers; audit: AuditLog; log: Logger }): Gate {
  return async (callerId, name, rawInput, inputBytes) => {
    if (!isCommandName(name)) return fail('unknown-command', `no command ${name}`);
    const spec = commands[name];
    if (inputBytes > spec.maxInputBytes) return fail('payload-too-large', `input over ${spec.maxInputBytes} bytes`);
    const active = deps.auth.resolve(callerId);
    if (spec.access.kind === 'session') {
      if (!active) return fail('unauthenticated', 'sign in first');
      if (active.session.locked && !spec.access.allowLocked) return fail('session-locked', 'screen is locked');
      if (deps.auth.mustChangePassword(active) && !spec.access.beforePasswordChange)
        return fail('password-change-required', 'choose your own password first');
      if (spec.access.roles !== 'any' && !spec.access.roles.includes(active.user.role)) {
        deps.audit.append({
          actor: actorOf(active),
          action: 'auth.forbidden',
          details: { command: name, role: active.user.role },
        });
        return fail('forbidden', `${active.user.role} may not call ${name}`);
      }
    }
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success)
      return fail('invalid-input', 'input does not match the schema', { fields: fieldProblems(parsed.error) });
    try {
      if (active && !active.session.locked) deps.auth.touch(active);
      const handler = deps.handlers[name] as (input: unknown, ctx: CallContext) => unknown;
      return ok(await handler(parsed.data, { callerId, active }));
    } catch (err) {
      if (err instanceof AppError) return fail(err.code, err.message, err.details);
      deps.log.error('command failed', { command: name, error: err });
      return fail('internal', 'internal error; see the main-process log');
    }
  };
}
