// Printing a PDF on a named system printer outside Electron: CUPS `lp` (Linux, including the
// domestic UOS/Kylin systems). The PDF goes through stdin, so no file with personal data is written.
import { execFile, spawn } from 'node:child_process';
import { AppError } from '@common/errors';
import type { SystemPrinter } from '@common/printing/print-settings';

/** Sends a PDF to `printerName` with the given media size. */
export function lpPrint(
  pdf: Buffer,
  printerName: string,
  opts: { title: string; widthMm: number; heightMm: number },
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'lp',
      ['-d', printerName, '-t', opts.title, '-o', `media=Custom.${opts.widthMm}x${opts.heightMm}mm`, '-'],
      { stdio: ['pipe', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (err: NodeJS.ErrnoException) =>
      reject(
        new AppError('printer-error', `system printing unavailable (${err.code ?? 'error'})`, {
          target: `system:${printerName}`,
          cause: err.code ?? 'error',
        }),
      ),
    );
    child.on('close', (code) => {
      if (code === 0) return resolve();
      const missing = /does not exist|unknown destination|not exist/i.test(stderr);
      reject(
        new AppError(missing ? 'printer-unreachable' : 'printer-error', `lp failed (${code})`, {
          target: `system:${printerName}`,
          cause: stderr.trim().slice(0, 200),
        }),
      );
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(pdf);
  });
}

function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve) => execFile(cmd, args, { timeout: 5000 }, (err, stdout) => resolve(err ? '' : stdout)));
}

/** The CUPS printers, with the default marked; empty when CUPS is absent. */
export async function lpPrinters(): Promise<SystemPrinter[]> {
  const [names, dflt] = await Promise.all([run('lpstat', ['-e']), run('lpstat', ['-d'])]);
  const defaultName = /:\s*(\S+)\s*$/.exec(dflt.trim())?.[1] ?? null;
  return names
    .split('\n')
    .map((n) => n.trim())
    .filter(Boolean)
    .map((name) => ({ name, isDefault: name === defaultName }));
}
