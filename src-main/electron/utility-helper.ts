// The sdtapi card-reader helper under Electron: a utility process (Electron's Node-enabled child
// process). fork() cannot be used here: it would start the Electron binary as a second app, since the
// runAsNode fuse is off. The helper module is read from the asar; koffi's native binary comes from
// app.asar.unpacked (electron-builder.yml). See docs/decisions/0081-card-reader-packaging.md.
import { utilityProcess } from 'electron';
import type { HelperLauncher } from '../identity/helper-process';
import type { HelperMessage } from '../identity/sdtapi-protocol';

export const utilityProcessLauncher: HelperLauncher = (spawn, on) => {
  const child = utilityProcess.fork(spawn.modulePath, spawn.args, {
    env: spawn.env,
    execArgv: spawn.execArgv,
    stdio: 'pipe',
    serviceName: 'tongban sdtapi reader helper',
  });
  const output = (chunk: Buffer) => on.output(chunk.toString('utf8'));
  child.stdout?.on('data', output);
  child.stderr?.on('data', output);
  child.on('message', (message: HelperMessage) => on.message(message));
  // A fatal V8 error inside the helper; 'exit' follows.
  child.on('error', (type, location) => on.output(`utility process error ${type} at ${location}`));
  child.on('exit', (code) => on.exit(String(code), code, null));
  return {
    send: (request) => {
      if (child.pid !== undefined) child.postMessage(request);
    },
    kill: () => {
      child.kill();
    },
  };
};
