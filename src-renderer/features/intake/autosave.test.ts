import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AUTOSAVE_DELAY_MS, createAutosave } from './autosave';

describe('draft autosave', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function harness(results: boolean[] = []) {
    const saved: number[] = [];
    const states: string[] = [];
    let version = 0;
    const autosave = createAutosave({
      snapshot: () => {
        const v = version;
        return { caseId: 'c1', save: async () => (saved.push(v), results.shift() ?? true) };
      },
      report: (_caseId, state) => states.push(state),
    });
    const type = () => {
      version += 1;
      autosave.changed('c1');
    };
    return { autosave, saved, states, type };
  }

  it('saves once after typing pauses, with the latest state', async () => {
    const { saved, states, type } = harness();
    type();
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS - 100);
    type();
    type();
    expect(saved).toEqual([]);
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    expect(saved).toEqual([3]);
    expect(states.at(-1)).toBe('saved');
  });

  it('flush saves at once, and saves nothing when nothing changed', async () => {
    const { autosave, saved, type } = harness();
    await autosave.flush();
    expect(saved).toEqual([]);
    type();
    await autosave.flush();
    expect(saved).toEqual([1]);
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS * 2);
    expect(saved).toEqual([1]);
  });

  it('keeps a failed save dirty and retries it with the next flush', async () => {
    const { autosave, saved, states, type } = harness([false]);
    type();
    await autosave.flush();
    expect(states.at(-1)).toBe('error');
    expect(autosave.isDirty()).toBe(true);
    await autosave.flush();
    expect(saved).toEqual([1, 1]);
    expect(states.at(-1)).toBe('saved');
  });

  it('forgets unsaved changes once the draft is decided', async () => {
    const { autosave, saved, type } = harness();
    type();
    autosave.forget();
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS * 2);
    expect(saved).toEqual([]);
  });
});
