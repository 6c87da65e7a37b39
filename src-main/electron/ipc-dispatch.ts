// Pure core of the IPC binding: sender check, input size, caller id and event audience.
// ipc.ts only turns Electron's objects into these facts.
import type { Gate } from '../app/gate';
import type { CommandName } from '@common/contract';
import { fail, type Result } from '@common/result';
import type { Logger } from '../log/logger';
import { isAppUrl } from './window-options';

/** The caller id of a window's web contents; sessions are kept per caller. */
export const callerIdOf = (webContentsId: number): string => `electron:${webContentsId}`;

/**
 * The UTF-8 size of the input as JSON, the same measure the browser host applies to its body;
 * null when the input cannot be JSON (IPC's structured clone also carries cycles and BigInt).
 */
export function inputBytesOf(input: unknown): number | null {
  try {
    const json = JSON.stringify(input ?? {});
    return json === undefined ? null : Buffer.byteLength(json, 'utf8');
  } catch {
    return null;
  }
}

/** What the binding knows about who sent an invoke. */
export interface SenderFacts {
  webContentsId: number;
  /** The sender is the web contents of one of our windows. */
  fromOurWindow: boolean;
  /** The sending frame, or null when it navigated away or was destroyed meanwhile. */
  frame: { isMainFrame: boolean; url: string } | null;
}

/** Why a sender is refused, or null when it is our window's main frame on the app origin. */
export function senderProblem(facts: SenderFacts): string | null {
  if (!facts.fromOurWindow) return 'not-our-window';
  if (facts.frame === null) return 'frame-gone';
  if (!facts.frame.isMainFrame) return 'not-main-frame';
  if (!isAppUrl(facts.frame.url)) return 'foreign-origin';
  return null;
}

/** Runs one invoke through the gate, after the sender check and with the measured input size. */
export type CommandDispatcher = (name: CommandName, sender: SenderFacts, input: unknown) => Promise<Result<unknown>>;

/** Builds the dispatcher every `tongban:cmd:*` handler calls. */
export function createCommandDispatcher(call: Gate, log: Logger): CommandDispatcher {
  return async (name, sender, input) => {
    const problem = senderProblem(sender);
    if (problem !== null) {
      log.warn('ipc sender refused', {
        command: name,
        reason: problem,
        webContentsId: sender.webContentsId,
        url: sender.frame?.url ?? null,
      });
      return fail('forbidden', `ipc sender refused: ${problem}`);
    }
    const bytes = inputBytesOf(input);
    if (bytes === null) return fail('invalid-input', 'input is not JSON');
    return call(callerIdOf(sender.webContentsId), name, input, bytes);
  };
}

/** The web contents an event goes to: all windows for a broadcast, else the one whose caller id matches. */
export function eventAudience(callerId: string | null, webContentsIds: readonly number[]): number[] {
  return callerId === null ? [...webContentsIds] : webContentsIds.filter((id) => callerIdOf(id) === callerId);
}
