import { i18next } from '../../i18n';

/** A duration in seconds as 'M分S秒' in the UI language; '—' for none. */
export function formatSeconds(seconds: number | null): string {
  if (seconds === null) return i18next.t('supervisor.none');
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m ? i18next.t('supervisor.ledger.minutes', { m, s }) : i18next.t('supervisor.ledger.seconds', { s });
}

/** A rating level's name (5 = 非常满意 … 1 = 非常不满意). */
export function levelLabel(level: number): string {
  return i18next.t(`supervisor.levels.l${level}`);
}

/** Calm colours per level, from green (5) to red (1). */
export const LEVEL_COLORS: Record<number, string> = {
  5: '#389e0d',
  4: '#7cb305',
  3: '#d4b106',
  2: '#d46b08',
  1: '#cf1322',
};
