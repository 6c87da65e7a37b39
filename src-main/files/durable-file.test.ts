import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fsyncPath, writeFileDurably } from './durable-file';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the durable-file helper', () => {
  it('replaces a file whole, creating its folder, leaving no temp file behind', () => {
    dir = mkdtempSync(join(tmpdir(), 'durable-'));
    const file = join(dir, 'sub', 'settings.json');
    writeFileDurably(file, '{"a":1}');
    writeFileDurably(file, '{"a":2}');
    expect(readFileSync(file, 'utf8')).toBe('{"a":2}');
    expect(readdirSync(join(dir, 'sub'))).toEqual(['settings.json']);
  });

  it('flushes files and folders, and says so when the path is missing', () => {
    dir = mkdtempSync(join(tmpdir(), 'durable-'));
    writeFileDurably(join(dir, 'f'), 'x');
    expect(() => fsyncPath(join(dir, 'f'))).not.toThrow();
    expect(() => fsyncPath(dir)).not.toThrow();
    expect(() => fsyncPath(join(dir, 'missing'))).toThrow(/ENOENT/);
  });
});
