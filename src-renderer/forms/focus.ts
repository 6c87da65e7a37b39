// Where the keyboard goes in the wizard: to the start of each step, to the first problem after 下一步,
// to the first empty field after a card filled the form. Found in the DOM (visible order), so the
// rule holds for every step and catalogue form without per-field wiring.

const FIELD =
  'input:not([type=hidden]):not([type=file]):not([disabled]):not([readonly]), textarea:not([disabled]), [role=combobox]:not([aria-disabled=true])';

function visible(el: Element): el is HTMLElement {
  return el instanceof HTMLElement && el.getClientRects().length > 0;
}

/** The focusable control of an antd form item (the input inside a Select/Cascader, else the first field). */
function controlIn(item: Element): HTMLElement | null {
  return [...item.querySelectorAll(FIELD)].find(visible) ?? null;
}

/** Whether an input holds nothing yet (a Select/Cascader counts as empty while it shows its placeholder). */
function isEmpty(el: HTMLElement): boolean {
  const select = el.closest('.ant-select, .ant-cascader');
  if (select) return !select.textContent?.trim() || !!select.querySelector('[class*=placeholder]');
  if (el instanceof HTMLInputElement && (el.type === 'radio' || el.type === 'checkbox')) return false;
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) return el.value.trim() === '';
  return false;
}

/** The step's marked action ([data-step-focus]) when it is shown and enabled. */
function markedIn(root: HTMLElement): HTMLElement | undefined {
  return [...root.querySelectorAll('[data-step-focus]')].find(
    (el): el is HTMLElement => visible(el) && !(el as HTMLButtonElement).disabled,
  );
}

/**
 * Focuses the step's marked action or its first field. A step whose action appears once the main process
 * has answered (确认与办结) waits for it, up to `waitMs`, unless the clerk has moved the focus meanwhile.
 * Answers a cancel function.
 */
export function focusStepWhenReady(root: HTMLElement | null, waitMs = 0): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  // "The clerk moved the focus" is a key press or a click since the step opened, never where focus happens to be:
  // the step's own re-renders (收件 shown before 人证一致 appears above it) move focus without the clerk.
  let touched = false;
  const onUser = () => (touched = true);
  document.addEventListener('keydown', onUser, true);
  document.addEventListener('pointerdown', onUser, true);
  const stop = () => {
    clearTimeout(timer);
    document.removeEventListener('keydown', onUser, true);
    document.removeEventListener('pointerdown', onUser, true);
  };
  const started = Date.now();
  const attempt = () => {
    if (!root) return stop();
    if (waitMs === 0) {
      focusStepStart(root);
      return stop();
    }
    const active = document.activeElement;
    const free = !active || active === document.body || !root.contains(active);
    // The clerk is working inside the step: leave the focus where it is.
    if (touched && !free) return stop();
    // While the step's answers come in, its action may appear or be re-rendered: keep it focused.
    const marked = markedIn(root);
    if (marked && active !== marked) focusStepStart(root);
    if (Date.now() - started < waitMs) timer = setTimeout(attempt, 100);
    else {
      if (free) focusStepStart(root);
      stop();
    }
  };
  timer = setTimeout(attempt, 60);
  return stop;
}

/** Focuses the step's marked action ([data-step-focus]) or its first field; answers whether something took focus. */
export function focusStepStart(root: HTMLElement | null): boolean {
  if (!root) return false;
  const marked = markedIn(root);
  const target =
    (marked as HTMLElement | undefined) ?? firstEmpty(root) ?? [...root.querySelectorAll(FIELD)].find(visible);
  target?.focus();
  return !!target;
}

/** The first empty required field (else the first empty field) of a container, in visible order. */
export function firstEmpty(root: HTMLElement): HTMLElement | null {
  const items = [...root.querySelectorAll('.ant-form-item')];
  const empty = (required: boolean) =>
    items
      .filter((item) => !required || item.querySelector('.ant-form-item-required'))
      .map(controlIn)
      .find((el): el is HTMLElement => !!el && isEmpty(el));
  return empty(true) ?? empty(false) ?? null;
}

/** Focuses the first field shown with an error; answers whether there was one. */
export function focusFirstError(root: HTMLElement | null): boolean {
  const item = root?.querySelector('.ant-form-item-has-error');
  const target = item ? controlIn(item) : null;
  target?.focus();
  return !!target;
}
