// Only the thin edges may import electron: everything else here is loaded by tests, and
// Electron's binary cannot be downloaded on the build machines.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const ELECTRON_EDGES = [
  'close-guard.ts',
  'ipc.ts',
  'main.ts',
  'preload.ts',
  'print-window.ts',
  'protocol.ts',
  'safe-key-store.ts',
  'security.ts',
  'splash.ts',
  'utility-helper.ts',
  'window.ts',
];
const IMPORTS_ELECTRON = /from\s+['"]electron['"]|require\(\s*['"]electron['"]\s*\)|import\(\s*['"]electron['"]\s*\)/;

describe('electron shell layering', () => {
  const files = readdirSync(__dirname).filter((f) => f.endsWith('.ts') && !ELECTRON_EDGES.includes(f));

  it.each(files)('%s does not import electron', (file) => {
    expect(readFileSync(`${__dirname}/${file}`, 'utf8')).not.toMatch(IMPORTS_ELECTRON);
  });

  it('no module imports an electron edge except the edges themselves', () => {
    const edgeImport = new RegExp(`from\\s+['"]\\./(${ELECTRON_EDGES.map((f) => f.replace('.ts', '')).join('|')})['"]`);
    for (const file of files) expect(readFileSync(`${__dirname}/${file}`, 'utf8'), file).not.toMatch(edgeImport);
  });
});
