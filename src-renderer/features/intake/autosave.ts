// Draft autosave: every change marks the draft dirty and (re)starts an 800 ms timer; saves run one
// after another so an older state can never overwrite a newer one. `flush` saves at once (before a
// decision, before switching drafts) and resolves when everything typed so far is stored.

/** How long typing may pause before the draft is saved. */
export const AUTOSAVE_DELAY_MS = 800;

/** What the autosaver saves and where it reports. */
export interface AutosaveTarget {
  /** The draft to save now, or null when there is none yet. */
  snapshot(): { caseId: string; save(): Promise<boolean> } | null;
  /** Reports the save state of a draft. */
  report(caseId: string, state: 'pending' | 'saving' | 'saved' | 'error'): void;
}

/** A debounced, serialised saver. */
export function createAutosave(target: AutosaveTarget) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let dirty = false;
  let chain: Promise<void> = Promise.resolve();

  const saveNow = async (): Promise<void> => {
    const draft = target.snapshot();
    if (!dirty || !draft) return;
    dirty = false;
    target.report(draft.caseId, 'saving');
    const ok = await draft.save();
    if (!ok) dirty = true;
    target.report(draft.caseId, ok ? (dirty ? 'pending' : 'saved') : 'error');
  };

  const flush = (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    chain = chain.then(saveNow);
    return chain;
  };

  return {
    /** Something changed: save after the pause. */
    changed(caseId: string | null): void {
      dirty = true;
      if (caseId) target.report(caseId, 'pending');
      clearTimeout(timer);
      timer = setTimeout(() => void flush(), AUTOSAVE_DELAY_MS);
    },
    flush,
    /** Whether a change is waiting to be saved. */
    isDirty: (): boolean => dirty,
    /** Forgets unsaved changes (the draft was decided or discarded). */
    forget(): void {
      clearTimeout(timer);
      timer = undefined;
      dirty = false;
    },
  };
}
