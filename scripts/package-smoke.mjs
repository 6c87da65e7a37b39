// Packaging smoke test: validates electron-builder.yml, then runs electron-builder's `--dir`
// pipeline for linux x64 against a stand-in Electron (Electron's binary cannot be downloaded
// here) and checks what a window PC would receive: the asar and its contents, the unpacked
// native modules (better-sqlite3; koffi for the card reader, loaded by the packaged sdtapi helper),
// the extra resources, the kept locales and the flipped fuses.
//
// The stand-in is a shell script carrying Electron's fuse sentinel and a fuse wire in
// Electron's default states, so electron-builder's fuse step runs for real and can be checked.
// No network: proxies point at a closed port, so any download attempt fails the run.
import { fork, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, posix, relative } from 'node:path';
import { CONFIG_FILE, PROJECT_DIR, validateBuilderConfig } from './validate-builder-config.mjs';

const require = createRequire(import.meta.url);
const builderRequire = createRequire(require.resolve('app-builder-lib/package.json'));
const asar = builderRequire('@electron/asar');
const { getCurrentFuseWire, FuseV1Options } = builderRequire('@electron/fuses');

const started = Date.now();
const keep = process.argv.includes('--keep');
const failures = [];
const check = (condition, message) => {
  if (!condition) failures.push(message);
  return condition;
};
const step = (message) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${message}`);

// Electron's fuse sentinel and its defaults, in FuseV1Options order: '1' enabled, '0' disabled.
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ELECTRON_DEFAULT_FUSES = '10110001';
const KEPT_LOCALES = ['en-US.pak', 'zh-CN.pak'];
// koffi's prebuilt binaries the installers must carry unpacked (docs/packaging.md); linux-x64 is built here.
const KOFFI_TARGETS = ['win32-x64', 'linux-x64', 'linux-arm64'];
const KOFFI_HERE = { pkg: 'node_modules/@koromix/koffi-linux-x64', binary: 'linux_x64/koffi.node' };
// exceljs (ledger exports), playwright-core (the browser host's PDF printing), bwip-js and the face comparison's
// models and tfjs Node bundles (about 19 MB once electron-builder.yml drops their browser builds) are the bulk of it.
const ASAR_MAX_BYTES = 100 * 1024 * 1024;
// What 人证比对 loads in main (src-main/identity/face/face-engine.ts): electron-builder.yml trims everything else.
const FACE_RUNTIME = [
  'node_modules/@vladmandic/human/dist/human.node-wasm.js',
  ...['blazeface', 'facemesh', 'faceres', 'antispoof', 'liveness'].flatMap((m) => [
    `node_modules/@vladmandic/human/models/${m}.json`,
    `node_modules/@vladmandic/human/models/${m}.bin`,
  ]),
  'node_modules/@tensorflow/tfjs-core/dist/tf-core.node.js',
  'node_modules/@tensorflow/tfjs-converter/dist/tf-converter.node.js',
  'node_modules/@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.node.js',
  'node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm',
  'node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm',
];

function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((p) => statSync(join(dir, p)).isFile())
    .sort();
}

function ensureBuilt() {
  const outputs = ['out/main/main.js', 'out/main/host.js', 'out/preload/preload.js', 'out/renderer/index.html'];
  if (outputs.every((p) => existsSync(join(PROJECT_DIR, p)))) return;
  step('out/ is incomplete: running electron-vite build');
  const built = spawnSync(
    process.execPath,
    [join(PROJECT_DIR, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
    { cwd: PROJECT_DIR, stdio: 'inherit' },
  );
  if (built.status !== 0) throw new Error('electron-vite build failed');
}

function makeStandInElectron(dir) {
  mkdirSync(join(dir, 'locales'), { recursive: true });
  const script = '#!/bin/sh\necho "stand-in Electron for the packaging smoke test"\nexit 0\n';
  const wire = Buffer.concat([
    Buffer.from(FUSE_SENTINEL),
    Buffer.from([1, ELECTRON_DEFAULT_FUSES.length]),
    Buffer.from(ELECTRON_DEFAULT_FUSES),
  ]);
  writeFileSync(join(dir, 'electron'), Buffer.concat([Buffer.from(script), wire]));
  chmodSync(join(dir, 'electron'), 0o755);
  for (const locale of [...KEPT_LOCALES, 'fr.pak', 'ja.pak']) writeFileSync(join(dir, 'locales', locale), 'stand-in');
}

function runBuilder(electronDist, output) {
  const deadProxy = 'http://127.0.0.1:9';
  const env = {
    ...process.env,
    ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
    ELECTRON_BUILDER_CACHE: join(output, '..', 'cache'),
    HTTP_PROXY: deadProxy,
    HTTPS_PROXY: deadProxy,
    http_proxy: deadProxy,
    https_proxy: deadProxy,
    npm_config_offline: 'true',
    CSC_IDENTITY_AUTO_DISCOVERY: 'false',
  };
  const args = [
    '--linux',
    '--x64',
    '--dir',
    '-c.npmRebuild=false',
    `-c.electronDist=${electronDist}`,
    `-c.directories.output=${output}`,
  ];
  const cli = join(PROJECT_DIR, 'node_modules/electron-builder/cli.js');
  const run = spawnSync(process.execPath, [cli, ...args], { cwd: PROJECT_DIR, env, encoding: 'utf8' });
  if (run.status !== 0) {
    process.stdout.write(run.stdout);
    process.stderr.write(run.stderr);
    throw new Error(`electron-builder --dir failed (exit ${run.status})`);
  }
}

function packageOf(asarPath) {
  const match = /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(asarPath);
  return match ? match[1] : null;
}

function checkAsar(appAsar, unpackedDir) {
  const entries = asar.listPackage(appAsar).map((p) => p.replaceAll('\\', '/').replace(/^\//, ''));
  const has = new Set(entries);
  for (const file of [
    'package.json',
    'out/main/main.js',
    'out/main/host.js',
    'out/preload/preload.js',
    'out/renderer/index.html',
    ...FACE_RUNTIME,
  ]) {
    check(has.has(file), `app.asar lacks ${file}`);
  }
  const manifest = JSON.parse(asar.extractFile(appAsar, 'package.json').toString('utf8'));
  check(has.has(manifest.main), `package.json main (${manifest.main}) is not in app.asar`);

  const packages = new Set(entries.map(packageOf).filter(Boolean));
  const own = JSON.parse(readFileSync(join(PROJECT_DIR, 'package.json'), 'utf8'));
  for (const name of Object.keys(own.dependencies ?? {}))
    check(packages.has(name), `dependency ${name} is missing from app.asar`);
  // A dev dependency may still ship when a production dependency needs it too (exceljs needs dayjs).
  const listed =
    spawnSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: PROJECT_DIR, encoding: 'utf8' }).stdout ?? '';
  const production = new Set(
    listed
      .split('\n')
      .map((path) => path.split('node_modules/').pop())
      .filter(Boolean),
  );
  const forbidden = [
    ...Object.keys(own.devDependencies ?? {}),
    'react',
    'react-dom',
    'antd',
    '@ant-design/icons',
    'zustand',
    'electron',
  ].filter((name) => !production.has(name));
  for (const name of forbidden) check(!packages.has(name), `${name} (a renderer or build package) is inside app.asar`);

  const sources = entries.filter(
    (p) => /\.(ts|tsx|map|tsbuildinfo)$/.test(p) || /^(src-main|src-renderer|out\/tsc|e2e|bench|scripts)\//.test(p),
  );
  check(sources.length === 0, `sources or maps in app.asar: ${sources.slice(0, 5).join(', ')}`);
  check(
    !entries.some((p) => p.startsWith('node_modules/better-sqlite3/deps/')),
    'better-sqlite3 SQLite sources are in app.asar',
  );

  const nativeModules = filesUnder(unpackedDir).filter((p) => p.endsWith('better_sqlite3.node'));
  check(nativeModules.length > 0, 'app.asar.unpacked has no better_sqlite3.node');

  // A sandboxed preload can require only 'electron'; main may require only what the asar carries.
  const preload = asar.extractFile(appAsar, 'out/preload/preload.js').toString('utf8');
  const preloadRequires = [...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
  check(
    preloadRequires.every((s) => s === 'electron'),
    `preload requires more than electron: ${preloadRequires.join(', ')}`,
  );
  const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'electron']);
  for (const file of entries.filter((p) => p.startsWith('out/main/') && p.endsWith('.js'))) {
    const code = asar.extractFile(appAsar, file).toString('utf8');
    for (const [, spec] of code.matchAll(/require\(["']([^"'.][^"']*)["']\)/g)) {
      const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
      check(builtins.has(spec) || packages.has(name), `${file} requires ${spec}, which app.asar does not carry`);
    }
  }
  return { entries: entries.length, packages: packages.size, nativeModules };
}

/** koffi for the card reader: unpacked for every target, loadable, and used by the packaged helper. */
async function checkKoffi(config, appAsar, unpackedDir, work) {
  for (const target of KOFFI_TARGETS)
    check(
      (config.asarUnpack ?? []).includes(`node_modules/@koromix/koffi-${target}/**`),
      `electron-builder.yml asarUnpack does not list koffi's ${target} binaries`,
    );
  const unpacked = filesUnder(unpackedDir);
  const koffiNodes = unpacked.filter((p) => p.includes('koffi') && p.endsWith('.node'));
  const binary = join(unpackedDir, KOFFI_HERE.pkg, KOFFI_HERE.binary);
  if (!check(existsSync(binary), `app.asar.unpacked lacks ${KOFFI_HERE.pkg}/${KOFFI_HERE.binary}`)) return koffiNodes;
  check(!koffiNodes.some((p) => p.includes('musl_')), 'koffi’s musl binary is packaged');
  const entries = asar.listPackage(appAsar).map((p) => p.replaceAll('\\', '/').replace(/^\//, ''));
  check(
    !entries.some(
      (p) => /^node_modules\/koffi\/(lib|vendor|doc)\//.test(p) || /^node_modules\/koffi\/.*\.(cc|hh)$/.test(p),
    ),
    'koffi’s C++ sources are in app.asar',
  );
  const version = JSON.parse(readFileSync(join(PROJECT_DIR, 'node_modules/koffi/package.json'), 'utf8')).version;
  check(require(binary).version === version, `the unpacked koffi.node is not koffi ${version}`);

  // The reader code finds the helper entry next to itself or one folder up (out/main/chunks/).
  const helperEntry = 'out/main/sdtapi-helper.js';
  const referencing = entries.filter(
    (p) =>
      p.startsWith('out/main/') &&
      p.endsWith('.js') &&
      p !== helperEntry &&
      asar.extractFile(appAsar, p).toString('utf8').includes('"sdtapi-helper.js"'),
  );
  check(
    entries.includes(helperEntry) &&
      referencing.length > 0 &&
      referencing.every((p) => [posix.dirname(p), posix.dirname(posix.dirname(p))].includes('out/main')),
    `the reader code (${referencing.join(', ')}) cannot find ${helperEntry}`,
  );

  // The packaged helper, run the browser host's way (a Node child) from the extracted app: it must load
  // koffi, which must open a real library (libc) and report that it is not an sdtapi library.
  const extracted = join(work, 'extracted-app');
  asar.extractAll(appAsar, extracted);
  const reply = await new Promise((resolve) => {
    const child = fork(join(extracted, 'out/main/sdtapi-helper.js'), ['--library', 'libc.so.6'], { stdio: 'pipe' });
    const timer = setTimeout(() => (child.kill('SIGKILL'), resolve({ type: 'timeout' })), 20_000);
    child.on('message', (message) => (clearTimeout(timer), child.kill('SIGKILL'), resolve(message)));
    child.on('exit', (code) => (clearTimeout(timer), resolve({ type: 'exit', code })));
  });
  check(
    reply.type === 'fatal' && /lacks the sdtapi functions/.test(reply.message),
    `packaged sdtapi helper did not load koffi: ${JSON.stringify(reply)}`,
  );
  // The logger's packages load from the packaged tree too (date-fns is trimmed to its CommonJS build).
  const packagedRequire = createRequire(join(extracted, 'package.json'));
  for (const name of ['pino', 'pino-roll']) {
    try {
      packagedRequire(name);
    } catch (error) {
      check(false, `packaged ${name} cannot be loaded: ${error instanceof Error ? error.message : error}`);
    }
  }
  return koffiNodes;
}

// What a window PC must get, whatever the config says (the unit test checks the config too).
const REQUIRED_FUSES = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  grantFileProtocolExtraPrivileges: false,
};

async function checkFuses(executable) {
  const wire = await getCurrentFuseWire(executable);
  const flipped = [];
  for (const [name, value] of Object.entries(REQUIRED_FUSES)) {
    const index = FuseV1Options[name.charAt(0).toUpperCase() + name.slice(1)];
    if (!check(index !== undefined, `@electron/fuses knows no fuse ${name}`)) continue;
    const state = String.fromCharCode(wire[index]);
    if (check(state === (value ? '1' : '0'), `fuse ${name} is '${state}' in the packaged binary, must be ${value}`))
      flipped.push(`${name}=${value}`);
  }
  return flipped;
}

async function main() {
  step('validating electron-builder.yml with electron-builder’s own schema');
  await validateBuilderConfig();
  const config = await require('app-builder-lib/out/util/config/config').getConfig(PROJECT_DIR, CONFIG_FILE, null);
  ensureBuilt();

  const work = mkdtempSync(join(tmpdir(), 'tongban-package-smoke-'));
  try {
    const electronDist = join(work, 'electron-dist');
    const output = join(work, 'release');
    makeStandInElectron(electronDist);
    step('running electron-builder --linux --x64 --dir (npmRebuild=false, stand-in Electron)');
    runBuilder(electronDist, output);

    const appDir = join(output, 'linux-unpacked');
    const resources = join(appDir, 'resources');
    const appAsar = join(resources, 'app.asar');
    const executable = join(appDir, 'tongban-window');
    check(
      existsSync(executable) && (statSync(executable).mode & 0o111) !== 0,
      'linux-unpacked/tongban-window is missing or not executable',
    );
    if (!check(existsSync(appAsar), 'resources/app.asar is missing')) throw new Error('no app.asar to inspect');
    const asarBytes = statSync(appAsar).size;
    check(
      asarBytes > 100 * 1024 && asarBytes < ASAR_MAX_BYTES,
      `app.asar is ${asarBytes} bytes, outside the sane range`,
    );

    const asarFacts = checkAsar(appAsar, join(resources, 'app.asar.unpacked'));
    step('checking koffi and running the packaged sdtapi helper');
    const koffiNodes = await checkKoffi(config, appAsar, join(resources, 'app.asar.unpacked'), work);

    const migrations = filesUnder(join(PROJECT_DIR, 'migrations')).filter((f) => f.endsWith('.sql'));
    const shippedMigrations = filesUnder(join(resources, 'migrations'));
    check(shippedMigrations.includes('0001_foundation.sql'), 'resources/migrations/0001_foundation.sql is missing');
    check(
      JSON.stringify(shippedMigrations) === JSON.stringify(migrations),
      `shipped migrations ${shippedMigrations} differ from migrations/ ${migrations}`,
    );
    const shippedResources = filesUnder(join(resources, 'resources'));
    check(
      JSON.stringify(shippedResources) === JSON.stringify(filesUnder(join(PROJECT_DIR, 'resources'))),
      'resources/resources differs from resources/',
    );
    check(shippedResources.includes(join('icons', 'icon.png')), 'resources/resources/icons/icon.png is missing');

    const locales = filesUnder(join(appDir, 'locales'));
    check(
      JSON.stringify(locales) === JSON.stringify(KEPT_LOCALES),
      `locales kept: ${locales.join(', ')} (expected ${KEPT_LOCALES.join(', ')})`,
    );
    const fuses = await checkFuses(executable);

    if (failures.length > 0) {
      console.error(`\npackage smoke test FAILED (${failures.length}):\n - ${failures.join('\n - ')}`);
      console.error(`output kept in ${work}`);
      process.exitCode = 1;
      return;
    }
    console.log(
      [
        '',
        `package smoke test passed in ${((Date.now() - started) / 1000).toFixed(1)} s`,
        `  app.asar          ${(asarBytes / 1024 / 1024).toFixed(2)} MB, ${asarFacts.entries} entries, ${asarFacts.packages} packages (no renderer/dev packages)`,
        `  native module     ${asarFacts.nativeModules.map((p) => `app.asar.unpacked/${p}`).join(', ')}`,
        `  card reader       ${koffiNodes.map((p) => `app.asar.unpacked/${p}`).join(', ')}; packaged helper loads koffi`,
        `  migrations        ${shippedMigrations.join(', ')}`,
        `  resources         ${shippedResources.length} files under resources/resources`,
        `  locales           ${locales.join(', ')}`,
        `  fuses             ${fuses.join(', ')}`,
      ].join('\n'),
    );
    if (keep) console.log(`  output kept in    ${relative(process.cwd(), work) || work}`);
  } finally {
    if (!keep && failures.length === 0) rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`package smoke test FAILED: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
