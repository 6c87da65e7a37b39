import type { Messages } from './zh-CN';

export const shortcutsEn: Messages['shortcuts'] = {
  title: 'Keyboard (F1)',
  intro:
    'The whole case can be filed from the keyboard: each step opens on its first field to fill, Enter goes to the next step, and a problem takes the cursor to itself.',
  key: 'Key',
  action: 'Action',
  items: {
    help: 'Open this help',
    'read-card': 'Read ID card',
    search: 'Find a case',
    'new-case': 'New case',
    next: 'Next step',
    prev: 'Previous step',
    accept: 'Receive (last step)',
    print: 'Print receipt / notice',
  },
  hints: {
    enter: 'Enter in a field: next step (or the first problem)',
    dialogEnter: 'Enter in a dialog: submit (it opens on its first field)',
    escape: 'Esc: close a dialog or this help',
    tab: 'Tab / Shift+Tab: move between fields; focus can always leave',
  },
  hintKeys: { enter: 'Enter', dialogEnter: 'Enter', escape: 'Esc', tab: 'Tab' },
  close: 'Close',
  open: 'Keyboard help (F1)',
};
