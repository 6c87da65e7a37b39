import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALLOWED_LAYERS, layerOf, type Layer } from '../eslint-rules/layers.mjs';

// The tsconfig project references spell the same layers as the lint rule: a project may reference
// only projects of the layers its own layer may import, so `tsc -b` refuses an upward import too.
const ROOT = join(__dirname, '..');
const PROJECT_LAYER: Record<string, Layer> = {
  'tsconfig.common.json': 'common',
  'tsconfig.main.json': 'services',
  'tsconfig.app.json': 'app',
  'tsconfig.electron.json': 'electron',
  'tsconfig.main-tests.json': 'testing',
  'tsconfig.renderer.json': 'renderer',
  'tsconfig.gateway.json': 'gateway',
  'tsconfig.protocol.json': 'protocol',
  'tsconfig.pdf-seal.json': 'pdf-seal',
};

interface Project {
  include?: string[];
  references?: { path: string }[];
}
const read = (file: string): Project => JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as Project;

describe('the tsconfig project references', () => {
  it.each(Object.entries(PROJECT_LAYER))('%s references only layers %s may import', (file, layer) => {
    const refs = (read(file).references ?? []).map((r) => r.path.replace(/^\.\//, ''));
    for (const ref of refs) {
      const refLayer = PROJECT_LAYER[ref];
      expect(refLayer, `${file} → ${ref}`).toBeDefined();
      // Every layer imports the protocol package by name (@tongban/protocol); it references nothing itself.
      // The same holds for the PDF-signing package (@tongban/pdf-seal) that services and the gateway import.
      if (refLayer === 'protocol' || refLayer === 'pdf-seal') continue;
      expect(ALLOWED_LAYERS[layer], `${file} → ${ref}`).toContain(refLayer);
    }
  });

  it.each([
    ['tsconfig.main.json', 'src-main/cases/x.ts', 'services'],
    ['tsconfig.app.json', 'src-main/app/x.ts', 'app'],
    ['tsconfig.electron.json', 'src-main/electron/x.ts', 'electron'],
  ])('%s holds the %s layer', (file, sample, layer) => {
    expect(layerOf(sample)).toBe(layer);
    expect(read(file).include?.some((glob) => sample.startsWith(glob.replace(/\*\*.*$/, '')))).toBe(true);
  });

  it('keeps services free of the app and of test code', () => {
    const services = read('tsconfig.main.json') as Project & { exclude?: string[] };
    expect(services.exclude).toEqual(
      expect.arrayContaining(['src-main/app/**', 'src-main/testing/**', 'src-main/**/*.test.ts']),
    );
  });
});
