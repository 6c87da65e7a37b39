import { useEffect } from 'react';
import { create } from 'zustand';
import { firstEmpty } from '../../forms/focus';
import { useNavStore } from './nav-store';
import { shortcutOf, type ShortcutId } from './shortcut-keys';

// The keyboard path of the window. Each shortcut presses the visible, enabled control marked with its
// data-shortcut on the current screen (so it does exactly what the button does, checks included), or
// opens a page. Function keys and Alt/Ctrl chords that browsers let a page take; none is a focus trap.

interface HelpState {
  open: boolean;
  setOpen(open: boolean): void;
}
export const useShortcutHelp = create<HelpState>()((set) => ({ open: false, setOpen: (open) => set({ open }) }));

/** The control on screen a shortcut presses: visible and enabled, outside hidden pages. */
function control(id: string): HTMLElement | null {
  const all = [...document.querySelectorAll<HTMLElement>(`[data-shortcut="${id}"]`)];
  return all.find((el) => el.getClientRects().length > 0 && !(el as HTMLButtonElement).disabled) ?? null;
}

/**
 * Focuses the control `id` of a page that may still be loading (its code is fetched on first use: on a busy PC
 * that took more than the 2 s this once waited, and F3 then opened 办件查询 without its search field focused).
 * Waits up to 10 s, and gives up if the user has put the keyboard somewhere else meanwhile.
 */
function focusWhenShown(id: string): void {
  const before = document.activeElement;
  const until = performance.now() + 10_000;
  const attempt = () => {
    const now = document.activeElement;
    if (now && now !== before && now !== document.body) return; // the user moved on
    const el = control(id);
    if (el) el.focus();
    else if (performance.now() < until) setTimeout(attempt, 50);
  };
  attempt();
}

/** A dialog (antd Modal) is open: shortcuts wait until it is closed (Enter and Esc work inside it). */
function dialogOpen(): boolean {
  return [...document.querySelectorAll('.ant-modal-wrap')].some((el) => el.getClientRects().length > 0);
}

function run(id: ShortcutId): void {
  switch (id) {
    case 'help':
      useShortcutHelp.getState().setOpen(true);
      return;
    case 'search':
      useNavStore.getState().open('cases');
      focusWhenShown('search');
      return;
    case 'new-case': {
      const button = control('new-case');
      if (button) return button.click();
      useNavStore.getState().open('intake');
      // The wizard's store comes with the intake page's bundle, not with the first screen.
      void import('../intake/wizard-store').then(({ useIntakeStore }) => useIntakeStore.getState().startNew());
      focusWhenShown('matter-search');
      return;
    }
    default:
      control(id)?.click();
  }
}

/** Enter in a dialog's text field presses its primary button (the fields of a dialog form are its whole content). */
function submitDialog(e: KeyboardEvent): boolean {
  const target = e.target as HTMLElement | null;
  if (!(target instanceof HTMLInputElement) || target.type === 'checkbox' || target.type === 'radio') return false;
  if (target.closest('.ant-select, .ant-cascader, .ant-picker')) return false;
  const dialog = target.closest('.ant-modal');
  const primary = dialog?.querySelector<HTMLButtonElement>('.ant-modal-footer .ant-btn-primary:not([disabled])');
  if (!primary) return false;
  primary.click();
  return true;
}

/** A dialog that opens takes the keyboard to its first field to fill (its own autoFocus wins). */
function focusNewDialogs(): MutationObserver {
  const observer = new MutationObserver((records) => {
    for (const record of records)
      for (const node of record.addedNodes) {
        if (!(node instanceof HTMLElement)) continue;
        const body = node.matches('.ant-modal-body') ? node : node.querySelector<HTMLElement>('.ant-modal-body');
        if (!body) continue;
        setTimeout(() => {
          if (body.contains(document.activeElement)) return;
          const field = firstEmpty(body) ?? body.querySelector<HTMLElement>('input:not([type=hidden]), textarea');
          field?.focus();
        }, 80);
      }
  });
  observer.observe(document.body, { childList: true, subtree: true });
  return observer;
}

/** Installs the shortcuts and the dialog keys while the workspace is shown. */
export function useShortcuts(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      if (e.key === 'Enter' && !e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey) {
        if (dialogOpen() && submitDialog(e)) e.preventDefault();
        return;
      }
      const id = shortcutOf(e);
      if (!id || (dialogOpen() && id !== 'help')) return;
      e.preventDefault();
      run(id);
    };
    window.addEventListener('keydown', onKey);
    const observer = focusNewDialogs();
    return () => {
      window.removeEventListener('keydown', onKey);
      observer.disconnect();
    };
  }, [enabled]);
}
