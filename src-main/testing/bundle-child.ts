// A test's child process built once into one JavaScript file instead of loaded through tsx at every start. The
// kill -9 test starts its child 200 times; through `--import tsx` each start spent ~1.8 s resolving and
// transforming a few hundred TypeScript modules before the first case, bundled ~0.8 s (the same sources, the same
// native modules). npm packages stay outside the bundle (loaded from node_modules, as at run time); this repository's
// code and the workspace protocol package are inside. `__dirname`/`__filename` keep each source file's own value,
// so paths built from them (the repository root, migrations, workers) resolve as they do from source.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { REPO_ROOT } from './repo-root';

/** Replaces `__dirname` and `__filename` in this repository's TypeScript with the file's own (absolute) values. */
const ownPaths: Plugin = {
  name: 'own-paths',
  setup(b) {
    b.onLoad({ filter: /\.tsx?$/ }, (args) => {
      if (args.path.includes('/node_modules/')) return undefined; // workspace packages resolve to their real paths
      const source = readFileSync(args.path, 'utf8')
        .replace(/\b__dirname\b/g, JSON.stringify(dirname(args.path)))
        .replace(/\b__filename\b/g, JSON.stringify(args.path));
      return { contents: source, loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
    });
  },
};

/**
 * Every npm package the repository and its workspaces (the gateway, the protocol package) depend on, workspace
 * packages excepted: required at run time, not bundled.
 */
function packageNames(): string[] {
  const read = (dir: string) =>
    JSON.parse(readFileSync(join(REPO_ROOT, dir, 'package.json'), 'utf8')) as Record<string, unknown>;
  const root = read('.');
  const manifests = [root, ...((root.workspaces as string[] | undefined) ?? []).map(read)];
  const names = manifests.flatMap((pkg) =>
    ['dependencies', 'devDependencies', 'optionalDependencies'].flatMap((k) =>
      Object.keys((pkg[k] as Record<string, string> | undefined) ?? {}),
    ),
  );
  return [...new Set(names)].filter((n) => !n.startsWith('@tongban/')).flatMap((n) => [n, `${n}/*`]);
}

/**
 * Bundles `entry` (a TypeScript file of this repository) and answers the path of the built file, under
 * node_modules/.cache so that the external packages resolve from the repository's node_modules; the file is removed
 * when this process exits.
 */
export async function bundleTestChild(entry: string): Promise<string> {
  const dir = join(REPO_ROOT, 'node_modules', '.cache', 'tongban-test-children');
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, `${basename(entry).replace(/\.tsx?$/, '')}-${process.pid}.cjs`);
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: `node${process.versions.node.split('.')[0]}`,
    external: packageNames(),
    plugins: [ownPaths],
    logLevel: 'warning',
  });
  process.once('exit', () => rmSync(outfile, { force: true }));
  return outfile;
}
