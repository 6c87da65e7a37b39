import { describe, expect, it } from 'vitest';
import { SHORTCUTS, shortcutOf } from './shortcut-keys';

const press = (key: string, mods: { alt?: boolean; ctrl?: boolean; shift?: boolean; meta?: boolean } = {}) =>
  shortcutOf({
    key,
    altKey: !!mods.alt,
    ctrlKey: !!mods.ctrl,
    shiftKey: !!mods.shift,
    metaKey: !!mods.meta,
  });

describe('keyboard shortcuts', () => {
  it('maps each listed key to its action', () => {
    expect(press('F1')).toBe('help');
    expect(press('F2')).toBe('read-card');
    expect(press('F3')).toBe('search');
    expect(press('F4')).toBe('new-case');
    expect(press('ArrowRight', { alt: true })).toBe('next');
    expect(press('ArrowLeft', { alt: true })).toBe('prev');
    expect(press('Enter', { ctrl: true })).toBe('accept');
    expect(press('p', { ctrl: true })).toBe('print');
    expect(press('P', { meta: true })).toBe('print');
  });

  it('leaves typing and the keys fields need alone', () => {
    for (const key of ['Enter', 'ArrowRight', 'ArrowLeft', 'p', 'Tab', 'Escape', 'F5', 'F12'])
      expect(press(key), key).toBeNull();
    expect(press('F2', { shift: true })).toBeNull();
    expect(press('ArrowRight', { ctrl: true })).toBeNull();
    expect(press('ArrowRight', { alt: true, shift: true })).toBeNull();
    expect(press('p', { ctrl: true, shift: true })).toBeNull();
  });

  it('every shortcut in the F1 list is one shortcutOf answers', () => {
    const ids = new Set(SHORTCUTS.map((s) => s.id));
    expect(ids.size).toBe(SHORTCUTS.length);
    for (const [key, mods] of [
      ['F1', {}],
      ['F2', {}],
      ['F3', {}],
      ['F4', {}],
      ['ArrowRight', { alt: true }],
      ['ArrowLeft', { alt: true }],
      ['Enter', { ctrl: true }],
      ['p', { ctrl: true }],
    ] as const)
      ids.delete(press(key, mods) as never);
    expect([...ids]).toEqual([]);
  });
});
