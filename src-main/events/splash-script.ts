// Pure (no electron import; the shell's splash.ts sends it): the e2e drives the splash page with the very script the shell sends.
import type { ProgressEvent } from '@common/progress';

/** The script the splash page runs for one progress report (the page defines window.showProgress). */
export function splashScript(event: Pick<ProgressEvent, 'done' | 'total' | 'phase'>): string {
  return `window.showProgress(${Number(event.done)}, ${Number(event.total ?? 0)}, ${JSON.stringify(event.phase)})`;
}
