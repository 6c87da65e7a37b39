// Reads electron-builder.yml as data (js-yaml comes with electron-builder) and checks the
// packaging decisions the shell depends on. The full schema check is scripts/validate-builder-config.mjs.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shellPaths } from './paths';

const root = resolve(__dirname, '..', '..');
const { load } = createRequire(join(root, 'package.json'))('js-yaml') as { load(text: string): unknown };

interface FileSet {
  from: string;
  to: string;
  filter?: string[];
}
interface BuilderTarget {
  target: string;
  arch: string[];
}
interface BuilderConfig {
  appId: string;
  productName: string;
  directories: { output: string; buildResources: string };
  files: string[];
  asar: boolean;
  asarUnpack: string[];
  extraResources: FileSet[];
  npmRebuild: boolean;
  electronFuses: Record<string, boolean>;
  win: { target: BuilderTarget[] };
  nsis: Record<string, unknown>;
  linux: { category: string; maintainer: string; description: string; target: BuilderTarget[] };
}

const config = load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  productName: string;
  main: string;
  dependencies?: Record<string, string>;
};

describe('electron-builder.yml', () => {
  it('flips every security fuse', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('names the product as package.json does, and writes to release/', () => {
    expect(config.appId).toBe('cn.gov.cq.tongban.window');
    expect(config.productName).toBe('跨省通办窗口');
    expect(config.productName).toBe(manifest.productName);
    expect(config.directories).toEqual({ output: 'release', buildResources: 'build' });
  });

  it('packs only the built output and package.json, native modules unpacked', () => {
    const includes = config.files.filter((p) => !p.startsWith('!'));
    expect(includes).toEqual(['out/main/**', 'out/preload/**', 'out/renderer/**', 'package.json']);
    expect(manifest.main.startsWith('out/main/')).toBe(true);
    expect(config.files).toContain('!**/*.map');
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
  });

  it('unpacks koffi (the card reader FFI) for every installer target, and ships none of its sources', () => {
    for (const target of ['win32-x64', 'linux-x64', 'linux-arm64'])
      expect(config.asarUnpack).toContain(`node_modules/@koromix/koffi-${target}/**`);
    expect(config.files).toContain('!**/node_modules/koffi/{lib,vendor,doc}/**');
    expect(config.files).toContain('!**/node_modules/@koromix/koffi-*/musl_*/**');
    expect(manifest.dependencies?.koffi).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('ships migrations and resources where the packaged shell looks for them', () => {
    const packaged = shellPaths({ isPackaged: true, appPath: '/r/app.asar', resourcesPath: '/r' });
    const byFrom = new Map(config.extraResources.map((set) => [set.from, set]));
    expect(join('/r', byFrom.get('migrations')?.to ?? '?')).toBe(packaged.migrationsDir);
    expect(byFrom.get('migrations')?.filter).toEqual(['*.sql']);
    expect(join('/r', byFrom.get('resources')?.to ?? '?')).toBe(packaged.resourcesDir);
  });

  it('rebuilds native modules for Electron in real builds', () => {
    expect(config.npmRebuild).toBe(true);
  });

  it('builds an assisted Chinese NSIS installer for Windows x64 that keeps user data', () => {
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis).toMatchObject({
      oneClick: false,
      allowToChangeInstallationDirectory: true,
      installerLanguages: ['zh_CN'],
      deleteAppDataOnUninstall: false,
    });
  });

  it('builds deb and AppImage for x64 and arm64 Linux, filed under Office', () => {
    expect(config.linux.target).toEqual([
      { target: 'deb', arch: ['x64', 'arm64'] },
      { target: 'AppImage', arch: ['x64', 'arm64'] },
    ]);
    expect(config.linux.category).toBe('Office');
    expect(config.linux.maintainer).toMatch(/<[^>]+@[^>]+>/);
    expect(config.linux.description).not.toBe('');
  });
});
