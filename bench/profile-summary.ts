// Where a gateway's CPU goes: sums a V8 .cpuprofile (node --cpu-prof, e.g. through
// BENCH_GATEWAY_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/gw") by self time per package or gateway folder.
// `npx tsx bench/profile-summary.ts /tmp/gw/CPU.….cpuprofile [top] [from to]`: from/to (monotonic µs, as the
// capacity bench prints for its peak) keep only the samples of that span.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** The bucket of a frame: an npm package, a folder of this repository, or V8/Node's own work. */
export function bucketOf(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : `(native) ${fn}`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return url;
  const own = /\/(gateway\/src\/[^/]+|packages\/[^/]+|src-main\/[^/]+)\//.exec(url);
  return own ? own[1]! : url;
}

function main(): void {
  const [file, topArg, fromArg, toArg] = process.argv.slice(2);
  const from = Number(fromArg ?? -Infinity);
  const to = Number(toArg ?? Infinity);
  if (!file) throw new Error('usage: profile-summary <file.cpuprofile> [top]');
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  /** The nearest frame that is a package or this repository's code (Node's internals and natives are charged to it). */
  const owner = (id: number): string => {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)!.callFrame;
      const b = bucketOf(frame.url, frame.functionName);
      if (!b.startsWith('node:') && !b.startsWith('(')) return b;
    }
    const frame = byId.get(id)!.callFrame;
    return bucketOf(frame.url, frame.functionName);
  };
  const owners = new Map<string, number>();
  const buckets = new Map<string, number>();
  const functions = new Map<string, number>();
  let total = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const us = profile.timeDeltas[i] ?? 0;
    at += us;
    if (at < from || at > to) return;
    if (!node || node.callFrame.functionName === '(idle)') return;
    total += us;
    const b = bucketOf(node.callFrame.url, node.callFrame.functionName);
    buckets.set(b, (buckets.get(b) ?? 0) + us);
    const o = owner(id);
    owners.set(o, (owners.get(o) ?? 0) + us);
    const f = `${node.callFrame.functionName || '(anonymous)'} ${b}`;
    functions.set(f, (functions.get(f) ?? 0) + us);
  });
  const show = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .forEach(([k, us]) => console.log(`${((100 * us) / total).toFixed(1).padStart(5)} %  ${k}`));
  console.log(`busy ${(total / 1000).toFixed(0)} ms (self time by package/folder)`);
  show(buckets, Number(topArg ?? 25));
  console.log('\ncharged to the nearest package or own folder (Node internals and natives included)');
  show(owners, Number(topArg ?? 25));
  console.log('\ntop functions');
  show(functions, 25);
}

main();
