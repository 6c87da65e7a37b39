import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from '@common/contract';
import { buildTongbanApi, type PreloadTransport } from './preload-api';

function fakeTransport() {
  const invoked: { channel: string; input: unknown }[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const transport: PreloadTransport = {
    invoke: async (channel, input) => {
      invoked.push({ channel, input });
      return { ok: true, value: channel };
    },
    subscribe(channel, listener) {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
      return () => set.delete(listener);
    },
  };
  const emit = (channel: string, payload: unknown) => listeners.get(channel)?.forEach((l) => l(payload));
  return { transport, invoked, emit, listeners };
}

describe('preload API', () => {
  it('has exactly one function per declared command and nothing generic', () => {
    const api = buildTongbanApi(fakeTransport().transport);
    expect(Object.keys(api).sort()).toEqual(['commands', 'on']);
    expect(Object.keys(api.commands).sort()).toEqual([...COMMAND_NAMES].sort());
    for (const name of COMMAND_NAMES) expect(typeof api.commands[name]).toBe('function');
  });

  it('sends each command on its own channel with the input as given', async () => {
    const { transport, invoked } = fakeTransport();
    const api = buildTongbanApi(transport);
    expect(await api.commands['auth:login']({ username: 'zhang', password: 'pw' })).toEqual({
      ok: true,
      value: 'tongban:cmd:auth:login',
    });
    expect(invoked).toEqual([{ channel: 'tongban:cmd:auth:login', input: { username: 'zhang', password: 'pw' } }]);
  });

  it('delivers declared events as payloads and unsubscribes', () => {
    const { transport, emit, listeners } = fakeTransport();
    const api = buildTongbanApi(transport);
    const seen: unknown[] = [];
    const off = api.on('session:changed', (payload) => seen.push(payload));
    emit('tongban:event:session:changed', { state: 'locked' });
    off();
    emit('tongban:event:session:changed', { state: 'signed-out' });
    expect(seen).toEqual([{ state: 'locked' }]);
    expect(listeners.get('tongban:event:session:changed')?.size).toBe(0);
  });

  it('throws for undeclared events and non-function listeners', () => {
    const api = buildTongbanApi(fakeTransport().transport);
    const on = api.on as (event: string, listener: unknown) => () => void;
    expect(() => on('ipc:anything', () => {})).toThrow(/unknown event/);
    expect(() => on('__proto__', () => {})).toThrow(/unknown event/);
    expect(() => on('toString', () => {})).toThrow(/unknown event/);
    expect(() => on('sync:status', 'not a function')).toThrow(TypeError);
  });
});
