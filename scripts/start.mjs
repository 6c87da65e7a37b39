// `npm start`: Electron when its binary is installed; otherwise the browser host, opened in
// the system Chromium's app mode when one is found. The URL is printed either way.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const extraArgs = process.argv.slice(2);

function electronBinary() {
  // Read the installed binary's path without require('electron'), which would try to download it.
  const dir = join(root, 'node_modules', 'electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

function run(cmd, args) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build']);

const electron = electronBinary();
const child = electron
  ? spawn(electron, [root, ...extraArgs], { cwd: root, stdio: 'inherit' })
  : spawn(process.execPath, [join(root, 'out', 'main', 'host.js'), '--open', ...extraArgs], {
      cwd: root,
      stdio: 'inherit',
    });
if (!electron) console.log('Electron is not installed here; starting the browser host (same app, in Chromium).');
child.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
