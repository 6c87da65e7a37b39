// Which key does what on the keyboard path (pure: the handler is in shortcuts.ts, the list in the F1 overlay).

/** The shortcuts, in the order the help overlay (F1) lists them. */
export const SHORTCUTS = [
  { id: 'help', keys: ['F1'] },
  { id: 'read-card', keys: ['F2'] },
  { id: 'search', keys: ['F3'] },
  { id: 'new-case', keys: ['F4'] },
  { id: 'next', keys: ['Alt', '→'] },
  { id: 'prev', keys: ['Alt', '←'] },
  { id: 'accept', keys: ['Ctrl', 'Enter'] },
  { id: 'print', keys: ['Ctrl', 'P'] },
] as const;
export type ShortcutId = (typeof SHORTCUTS)[number]['id'];

/** Keys that are not shortcuts but belong to the keyboard path (listed in the overlay too). */
export const KEY_HINTS = ['enter', 'dialogEnter', 'escape', 'tab'] as const;

/** Which shortcut a key press is, if any. */
export function shortcutOf(
  e: Pick<KeyboardEvent, 'key' | 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey'>,
): ShortcutId | null {
  const ctrl = e.ctrlKey || e.metaKey;
  if (!e.altKey && !ctrl && !e.shiftKey) {
    const byKey: Record<string, ShortcutId> = { F1: 'help', F2: 'read-card', F3: 'search', F4: 'new-case' };
    return byKey[e.key] ?? null;
  }
  if (e.altKey && !ctrl && !e.shiftKey && e.key === 'ArrowRight') return 'next';
  if (e.altKey && !ctrl && !e.shiftKey && e.key === 'ArrowLeft') return 'prev';
  if (ctrl && !e.altKey && e.key === 'Enter') return 'accept';
  if (ctrl && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'p') return 'print';
  return null;
}
