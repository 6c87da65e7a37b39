import { describe, expect, it } from 'vitest';
import type { Gate } from '../app/gate';
import { COMMAND_NAMES, EVENT_NAMES } from '@common/contract';
import { ok } from '@common/result';
import type { Logger } from '../log/logger';
import { commandChannel, eventChannel } from './ipc-channels';
import {
  callerIdOf,
  createCommandDispatcher,
  eventAudience,
  inputBytesOf,
  senderProblem,
  type SenderFacts,
} from './ipc-dispatch';

const ourMainFrame: SenderFacts = {
  webContentsId: 7,
  fromOurWindow: true,
  frame: { isMainFrame: true, url: 'app://tongban/index.html' },
};

function recorder() {
  const calls: { callerId: string; name: string; input: unknown; bytes: number }[] = [];
  const warnings: string[] = [];
  const gate: Gate = async (callerId, name, input, bytes) => {
    calls.push({ callerId, name, input, bytes });
    return ok('done');
  };
  const log: Logger = { info: () => {}, warn: (m) => warnings.push(m), error: () => {} };
  return { calls, warnings, dispatch: createCommandDispatcher(gate, log) };
}

describe('channels', () => {
  it('gives every command and event its own channel', () => {
    const channels = [...COMMAND_NAMES.map(commandChannel), ...EVENT_NAMES.map(eventChannel)];
    expect(new Set(channels).size).toBe(COMMAND_NAMES.length + EVENT_NAMES.length);
    expect(commandChannel('auth:login')).toBe('tongban:cmd:auth:login');
    expect(eventChannel('sync:status')).toBe('tongban:event:sync:status');
  });
});

describe('input size', () => {
  it('is the UTF-8 length of the JSON, as the browser host measures its body', () => {
    expect(inputBytesOf({})).toBe(2);
    expect(inputBytesOf(undefined)).toBe(2);
    expect(inputBytesOf({ name: '张三' })).toBe(Buffer.byteLength('{"name":"张三"}'));
    expect(inputBytesOf({ name: '张三' })).toBe(17);
  });

  it('is null for inputs JSON cannot carry', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(inputBytesOf(cyclic)).toBeNull();
    expect(inputBytesOf({ n: 1n })).toBeNull();
  });
});

describe('sender check', () => {
  it('accepts the main frame of our window on the app origin', () => {
    expect(senderProblem(ourMainFrame)).toBeNull();
  });

  it('refuses other web contents, gone frames, sub frames and foreign pages', () => {
    expect(senderProblem({ ...ourMainFrame, fromOurWindow: false })).toBe('not-our-window');
    expect(senderProblem({ ...ourMainFrame, frame: null })).toBe('frame-gone');
    expect(senderProblem({ ...ourMainFrame, frame: { isMainFrame: false, url: 'app://tongban/index.html' } })).toBe(
      'not-main-frame',
    );
    expect(senderProblem({ ...ourMainFrame, frame: { isMainFrame: true, url: 'https://evil.example/' } })).toBe(
      'foreign-origin',
    );
    expect(senderProblem({ ...ourMainFrame, frame: { isMainFrame: true, url: 'file:///index.html' } })).toBe(
      'foreign-origin',
    );
  });
});

describe('dispatcher', () => {
  it('passes the caller id and the measured size to the gate', async () => {
    const { calls, dispatch } = recorder();
    expect(await dispatch('auth:login', ourMainFrame, { username: '张三', password: 'x' })).toEqual({
      ok: true,
      value: 'done',
    });
    expect(calls).toEqual([
      {
        callerId: 'electron:7',
        name: 'auth:login',
        input: { username: '张三', password: 'x' },
        bytes: inputBytesOf({ username: '张三', password: 'x' }),
      },
    ]);
  });

  it('answers a refused sender with a forbidden result and a log line, without calling the gate', async () => {
    const { calls, warnings, dispatch } = recorder();
    const result = await dispatch(
      'users:list',
      { ...ourMainFrame, frame: { isMainFrame: true, url: 'https://evil.example/' } },
      {},
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(calls).toEqual([]);
    expect(warnings).toEqual(['ipc sender refused']);
  });

  it('answers invalid-input for inputs that are not JSON', async () => {
    const { calls, dispatch } = recorder();
    expect(await dispatch('app:info', ourMainFrame, { n: 1n })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(calls).toEqual([]);
  });
});

describe('event audience', () => {
  it('broadcasts to every window, or targets the one caller', () => {
    expect(eventAudience(null, [1, 2, 3])).toEqual([1, 2, 3]);
    expect(eventAudience(callerIdOf(2), [1, 2, 3])).toEqual([2]);
    expect(eventAudience('host:abc', [1, 2, 3])).toEqual([]);
    expect(eventAudience('electron:22', [2])).toEqual([]);
  });
});
