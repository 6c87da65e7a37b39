import type { CommandInput, CommandName, CommandOutput } from '@common/contract';
import type { Result } from '@common/result';
import { api } from './client';

/** Errors that concern the whole session rather than the command that met them. */
export type SessionProblem = 'session-locked' | 'unauthenticated' | 'password-change-required';

let reportSessionProblem: (problem: SessionProblem) => void = () => {};

/** The auth store registers here to show the lock screen or the login when any command meets one. */
export function onSessionProblem(handler: (problem: SessionProblem) => void): void {
  reportSessionProblem = handler;
}

/** Runs a command through the contract; stores use this, never `api` from components. */
export async function call<K extends CommandName>(name: K, input: CommandInput<K>): Promise<Result<CommandOutput<K>>> {
  const run = api.commands[name] as (input: CommandInput<K>) => Promise<Result<CommandOutput<K>>>;
  const result = await run(input);
  const code = result.ok ? null : result.error.code;
  if (!result.ok && (code === 'session-locked' || code === 'unauthenticated' || code === 'password-change-required')) {
    reportSessionProblem(code);
  }
  return result;
}

export { api };
