// Typed commands for tests: the contract gives each command's input and output type, so a test
// never casts a result. The gate does not re-parse outputs; this is the one place that trusts them.
import type { CommandInput, CommandName, CommandOutput } from '@common/contract';
import type { AppErrorData } from '@common/result';
import type { App } from '../app/app';

function byteLength(input: unknown): number {
  return Buffer.byteLength(JSON.stringify(input ?? {}));
}

/** Runs a command that must succeed and returns its typed value (throws with the error otherwise). */
export async function callOk<K extends CommandName>(
  app: Pick<App, 'call'>,
  caller: string,
  name: K,
  input: CommandInput<K>,
): Promise<CommandOutput<K>> {
  const result = await app.call(caller, name, input, byteLength(input));
  if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`);
  return result.value as CommandOutput<K>;
}

/** Runs a command that must fail and returns its error (throws when it succeeds). */
export async function callErr<K extends CommandName>(
  app: Pick<App, 'call'>,
  caller: string,
  name: K,
  input: CommandInput<K>,
): Promise<AppErrorData> {
  const result = await app.call(caller, name, input, byteLength(input));
  if (result.ok) throw new Error(`${name} succeeded, a failure was expected`);
  return result.error;
}
