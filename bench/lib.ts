// Benchmark harness: suites return figures; the runner prints one table and writes JSON.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

/** One measured figure. */
export interface Figure {
  suite: string;
  name: string;
  value: number;
  unit: string;
  /** Target from the issue, e.g. '≤ 5 ms' (informational). */
  target?: string;
  note?: string;
}

/** A benchmark suite: runs and returns its figures. */
export interface Suite {
  name: string;
  run(): Promise<Figure[]>;
}

/** The q-quantile (0..1) of samples, nearest-rank. */
export function quantile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  if (!sorted.length) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] as number;
}

/** Milliseconds since `start` (from performance.now()). */
export const since = (start: number) => performance.now() - start;

/** Times `fn` `n` times after `warmup` runs, returning milliseconds per run. */
export async function sample(n: number, fn: () => unknown, warmup = Math.min(20, n)): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await fn();
    out.push(since(start));
  }
  return out;
}

const round = (v: number) => (Math.abs(v) >= 100 ? Math.round(v) : Math.round(v * 1000) / 1000);

/** Prints the figures as a table and writes them to bench/results (timestamped and latest). */
export function report(figures: Figure[], resultsDir: string): string {
  const rows = figures.map((f) => [f.suite, f.name, String(round(f.value)), f.unit, f.target ?? '', f.note ?? '']);
  const header = ['suite', 'figure', 'value', 'unit', 'target', 'note'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] as number)).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
  mkdirSync(resultsDir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const doc = {
    at: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpu: cpus()[0]?.model,
      memGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
    },
    figures,
  };
  const file = join(resultsDir, `bench-${stamp}.json`);
  writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
  writeFileSync(join(resultsDir, 'latest.json'), `${JSON.stringify(doc, null, 2)}\n`);
  return file;
}
