// How the sdtapi helper process is started. The reader (sdtapi-reader.ts) speaks to a HelperProcess
// and does not care what runs it: in the browser host and in tests a Node child process (fork, with
// this Node); in the Electron shell a utility process (src-main/electron/utility-helper.ts), because
// fork() there would start the Electron binary itself and the runAsNode fuse is off. Either way the
// hall PC needs no separate Node runtime. Decision record: docs/decisions/0081-card-reader-packaging.md.
import { fork } from 'node:child_process';
import type { HelperMessage, HelperRequest } from './sdtapi-protocol';

/** What to run: the helper module, its arguments, the runtime options it needs, its environment. */
export interface HelperSpawn {
  modulePath: string;
  args: string[];
  execArgv: string[];
  env: Record<string, string | undefined>;
}

/** What a running helper reports. */
export interface HelperEvents {
  message(message: HelperMessage): void;
  /** The process ended (crash, kill or exit). */
  exit(description: string, exitCode: number | null, signal: string | null): void;
  /** The process could not be started. */
  error(err: Error): void;
  /** Its stdout/stderr, for the log. */
  output(text: string): void;
}

/** A running helper. */
export interface HelperProcess {
  send(request: HelperRequest): void;
  kill(): void;
}

/** Starts a helper and reports its events. */
export type HelperLauncher = (spawn: HelperSpawn, on: HelperEvents) => HelperProcess;

/** A Node child process running the helper with this process's Node (the browser host, tests). */
export const forkLauncher: HelperLauncher = (spawn, on) => {
  const child = fork(spawn.modulePath, spawn.args, {
    execArgv: spawn.execArgv,
    env: spawn.env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'json',
  });
  const output = (chunk: Buffer) => on.output(chunk.toString('utf8'));
  child.stdout?.on('data', output);
  child.stderr?.on('data', output);
  child.on('message', (message: HelperMessage) => on.message(message));
  child.on('error', (err) => on.error(err));
  child.on('exit', (code, signal) => on.exit(String(signal ?? code), code, signal));
  return {
    send: (request) => {
      if (child.connected) child.send(request);
    },
    kill: () => {
      child.kill('SIGKILL');
    },
  };
};
