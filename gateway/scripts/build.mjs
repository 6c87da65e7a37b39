// Builds the gateway for production: one CommonJS bundle gateway/dist/cli.js (the gateway's code and
// @tongban/protocol, compiled from TypeScript by esbuild), with the npm packages of gateway/package.json
// `dependencies` left as run-time imports, plus the files it reads (stylesheet, reference data).
// Refuses to finish when the bundle imports a package that is not a production dependency.
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const GATEWAY = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ROOT = resolve(GATEWAY, '..');
const DIST = join(GATEWAY, 'dist');
const pkg = JSON.parse(await import('node:fs').then((fs) => fs.readFileSync(join(GATEWAY, 'package.json'), 'utf8')));
// The workspace packages (protocol, pdf-seal) are TypeScript source: bundled, not imported at run time.
const BUNDLED = new Set(['@tongban/protocol', '@tongban/pdf-seal']);
const runtime = Object.keys(pkg.dependencies).filter((name) => !BUNDLED.has(name));

rmSync(DIST, { recursive: true, force: true });
const result = await build({
  entryPoints: [join(GATEWAY, 'src', 'cli.ts')],
  outfile: join(DIST, 'cli.js'),
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'cjs',
  sourcemap: true,
  legalComments: 'none',
  external: runtime.flatMap((name) => [name, `${name}/*`]),
  metafile: true,
  logLevel: 'warning',
});

const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
const packageOf = (spec) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
const imported = new Set(
  Object.values(result.metafile.outputs)
    .flatMap((o) => o.imports)
    .filter((i) => i.external && !builtins.has(i.path))
    .map((i) => packageOf(i.path)),
);
const missing = [...imported].filter((name) => !runtime.includes(name));
if (missing.length > 0) {
  console.error(`gateway build: imports not in gateway/package.json dependencies: ${missing.join(', ')}`);
  process.exit(1);
}

copyFileSync(join(GATEWAY, 'src', 'department', 'style.css'), join(DIST, 'style.css'));
for (const [folder, file] of [
  ['catalogue', 'catalogue.json'],
  ['divisions', 'divisions.json'],
  ...readdirSync(join(ROOT, 'resources', 'holidays'))
    .filter((f) => /^cn-\d{4}\.json$/.test(f))
    .map((f) => ['holidays', f]),
  ['fonts', 'NotoSansSC-Regular.ttf'],
]) {
  mkdirSync(join(DIST, 'resources', folder), { recursive: true });
  copyFileSync(join(ROOT, 'resources', folder, file), join(DIST, 'resources', folder, file));
}
writeFileSync(join(DIST, 'imports.json'), `${JSON.stringify([...imported].sort(), null, 2)}\n`);
console.log(`gateway build: dist/cli.js (run-time imports: ${[...imported].sort().join(', ')})`);
