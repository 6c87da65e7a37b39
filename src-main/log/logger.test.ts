import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openFileLogger, type AppLogger, type FileLoggerOptions } from './logger';

let dir = '';
let log: AppLogger | null = null;

afterEach(async () => {
  await log?.close();
  log = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function open(options: Partial<FileLoggerOptions> = {}): Promise<AppLogger> {
  dir = mkdtempSync(join(tmpdir(), 'tongban-log-'));
  log = await openFileLogger({
    file: join(dir, 'logs', 'main'),
    now: () => new Date('2026-12-06T08:00:00Z'),
    ...options,
  });
  return log;
}

/** The numbered log files, oldest first. */
function logFiles(): string[] {
  const logs = join(dir, 'logs');
  if (!existsSync(logs)) return [];
  const number = (f: string) => Number(/^main\.(\d+)\.log$/.exec(f)?.[1] ?? -1);
  return readdirSync(logs)
    .filter((f) => number(f) >= 0)
    .sort((a, b) => number(a) - number(b));
}

const allText = () =>
  logFiles()
    .map((f) => readFileSync(join(dir, 'logs', f), 'utf8'))
    .join('');

const FULL_ID = '500101199003070014';
const PHONE = '13800138000';

describe('file logger: redaction', () => {
  it('never writes an ID number, a phone or a name, in the message, in fields, nested or in an error', async () => {
    const logger = await open();
    logger.info(`applicant ${FULL_ID} phone ${PHONE} called`);
    logger.warn('card read', { idNumber: FULL_ID, phone: '+86 138 0013 8000', applicantName: '张小三' });
    logger.info('nested', { applicant: { idNumber: FULL_ID, fullName: '欧阳娜娜', address: '重庆市万州区白岩路1号' } });
    logger.info('free text in a field', { detail: `身份证${FULL_ID.slice(0, 17)}X，电话138-0013-8000` });
    logger.error('command failed', { error: new Error(`no case for ${FULL_ID}`) });
    await logger.flush();
    const text = allText();
    const lines = text.trim().split('\n');
    expect(lines).toHaveLength(5);
    for (const raw of [
      FULL_ID,
      `${FULL_ID.slice(0, 17)}X`,
      PHONE,
      '138 0013 8000',
      '138-0013-8000',
      '张小三',
      '欧阳娜娜',
      '白岩路',
    ])
      expect(text).not.toContain(raw);
    // Masked the way the screens mask, so a support engineer can still tell records apart.
    expect(lines[0]).toContain('5001**********0014');
    const card = JSON.parse(lines[1] ?? '{}') as Record<string, unknown>;
    expect(card).toMatchObject({
      level: 'warn',
      at: '2026-12-06T08:00:00.000Z',
      message: 'card read',
      idNumber: '5001**********0014',
      phone: '138****8000',
      applicantName: '张*三',
    });
    expect(JSON.parse(lines[2] ?? '{}')).toMatchObject({
      applicant: { idNumber: '5001**********0014', fullName: '欧**娜', address: '[已隐去]' },
    });
    const failed = JSON.parse(lines[4] ?? '{}') as { error: { type: string; message: string; stack: string } };
    expect(failed.error.type).toBe('Error');
    expect(failed.error.message).toBe('no case for 5001**********0014');
    expect(failed.error.stack).toContain('logger.test');
  });
});

describe('file logger: asynchronous writes', () => {
  it('returns before the line is on disk; flush makes every line durable', async () => {
    const logger = await open();
    const payload = 'x'.repeat(500);
    const started = performance.now();
    for (let i = 0; i < 2000; i += 1) logger.info('bulk', { i, payload });
    const elapsed = performance.now() - started;
    // Still inside the same tick: at most the first write can have reached the file.
    const onDisk = logFiles().reduce((n, f) => n + statSync(join(dir, 'logs', f)).size, 0);
    expect(onDisk).toBeLessThan(100_000);
    await logger.flush();
    const lines = allText().trim().split('\n');
    expect(lines).toHaveLength(2000);
    expect(JSON.parse(lines[1999] ?? '{}')).toMatchObject({ i: 1999 });
    expect(elapsed).toBeGreaterThan(0);
  });

  it('close flushes what is queued and drops later lines', async () => {
    const logger = await open();
    logger.info('last words');
    await logger.close();
    logger.info('after close');
    expect(allText()).toContain('last words');
    expect(allText()).not.toContain('after close');
  });
});

describe('file logger: size-based rotation', () => {
  it('starts a new file past the size limit and keeps only the configured number of files', async () => {
    const logger = await open({ rotation: { maxBytes: 2048, files: 3 } });
    const payload = 'y'.repeat(300);
    for (let batch = 0; batch < 8; batch += 1) {
      for (let i = 0; i < 8; i += 1) logger.info('batch', { batch, i, payload });
      await logger.flush();
      // Rotation happens once the queue drains; give it that turn.
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await logger.flush();
    // Old files are removed in the background after a rotation.
    for (let tries = 0; tries < 100 && logFiles().length > 3; tries += 1)
      await new Promise((resolve) => setTimeout(resolve, 20));
    const files = logFiles();
    expect(files).toHaveLength(3);
    // Several rotations happened, and the first files were removed.
    expect(files).not.toContain('main.1.log');
    expect(Number(/\d+/.exec(files[2] ?? '')?.[0])).toBeGreaterThanOrEqual(6);
    const oldest = readFileSync(join(dir, 'logs', files[0] ?? ''), 'utf8');
    expect(statSync(join(dir, 'logs', files[0] ?? '')).size).toBeGreaterThanOrEqual(2048);
    // The first batches went with the removed files; the last lines are kept.
    expect(oldest).not.toContain('"batch":0,');
    expect(allText()).not.toContain('"batch":0,');
    expect(allText()).toContain('"batch":7,"i":7');
  });

  it('refuses a rotation that would keep no history', async () => {
    dir = mkdtempSync(join(tmpdir(), 'tongban-log-'));
    await expect(openFileLogger({ file: join(dir, 'main'), rotation: { maxBytes: 2048, files: 1 } })).rejects.toThrow(
      RangeError,
    );
  });
});
