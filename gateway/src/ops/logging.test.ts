// The access log's destination (decision 0257): lines are written in batches, not one system call each, and
// reach the file within about a second; the built gateway's exit flush is checked by build.test.ts.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bufferedLog } from './logging';

const dir = mkdtempSync(join(tmpdir(), 'gw-log-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the access log destination', () => {
  it('holds lines back, then writes them together within a second', async () => {
    const file = join(dir, 'access.log');
    const log = bufferedLog(file) as ReturnType<typeof bufferedLog> & {
      end(): void;
      once(e: 'ready', f: () => void): void;
    };
    await new Promise<void>((r) => log.once('ready', r)); // the file is opened asynchronously
    log.write('{"msg":"request completed","n":1}\n');
    log.write('{"msg":"request completed","n":2}\n');
    expect(readFileSync(file, 'utf8')).toBe('');
    // The periodic flush (every second) writes them; a loaded machine may take longer to run the write.
    const lines = () => readFileSync(file, 'utf8').split('\n').filter(Boolean);
    for (let waited = 0; lines().length < 2 && waited < 10_000; waited += 100)
      await new Promise((r) => setTimeout(r, 100));
    expect(lines()).toHaveLength(2);
    log.end();
  });
});
