// A vitest reporter beside the default one: when a test file fails, one line with its first errors and the
// machine's free disk and memory, printed at that moment, next to the file's ✗ line. CI keeps only a part of a
// long log; the default reporter gives the causes at the very end, which that part may not reach (stop 24 failed
// with every file after a point "(0 test)" and no cause in view). The same figures are printed at the start.
import { statfsSync } from 'node:fs';
import { freemem, loadavg, tmpdir } from 'node:os';
import { relative } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

const GB = 2 ** 30;

/** Free disk (temp folder and repository), available memory and load: what a failure of every file may come from. */
function machineState(): string {
  const free = (dir: string) => {
    try {
      const s = statfsSync(dir);
      return `${((s.bavail * s.bsize) / GB).toFixed(1)} GB`;
    } catch (err) {
      return (err as NodeJS.ErrnoException).code ?? 'unknown';
    }
  };
  return (
    `disk free: temp ${free(tmpdir())}, repository ${free(process.cwd())}; ` +
    `memory free ${(freemem() / GB).toFixed(1)} GB; load ${loadavg()[0]!.toFixed(1)}`
  );
}

const firstLine = (text: string | undefined) => (text ?? '').split('\n').find((l) => l.trim()) ?? '';

export default class FailuresInline implements Reporter {
  onInit(): void {
    process.stdout.write(`[machine] ${machineState()}\n`);
  }

  onTestModuleEnd(module: TestModule): void {
    if (module.state() !== 'failed') return;
    const errors = [
      ...module.errors(),
      ...[...module.children.allSuites()].flatMap((s) => s.errors()),
      ...[...module.children.allTests()].flatMap((t) => t.result().errors ?? []),
    ];
    const causes = [...new Set(errors.map((e) => `${e.name ?? 'Error'}: ${firstLine(e.message)}`))].slice(0, 3);
    const file = relative(process.cwd(), module.moduleId);
    process.stdout.write(
      `[failed] ${file}: ${causes.join(' | ') || 'no error recorded'}\n[machine] ${machineState()}\n`,
    );
  }
}
