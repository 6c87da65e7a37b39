import type { CommandInput, CommandName, CommandOutput } from '@common/contract';
import type { Result } from '@common/result';
import { api } from './client';

/** Errors that concern the whole session rather than the command that met them. */
export type SessionProblem = 'session-locked' | 'unauthenticated';

let reportSessionProblem: (problem: SessionProblem) => void = () => {};

/** The auth store registers here to show the lock screen or the login when any command meets one. */
export function onSessionProblem(handler: (problem: SessionProblem) => void): void {
  reportSessionProblem = handler;
}

/** Runs a command through the contract; stores use this, never `api` from components. */
export async function call<K extends CommandName>(name: K, input: CommandInput<K>): Promise<Result<CommandOutput<K>>> {
  const run = api.commands[name] as (input: CommandInput<K>) => Promise<Result<CommandOutput<K>>>;
  const result = await run(input);
  if (!result.ok && (result.error.code === 'session-locked' || result.error.code === 'unauthenticated')) {
    reportSessionProblem(result.error.code);
  }
  return result;
}

export { api };
