/** A percentage the gateway or main already computed (0–100): `50%`, `66.7%`; `—` for none. */
export function formatPercent(percent: number | null): string {
  if (percent === null || !Number.isFinite(percent)) return '—';
  return `${Math.round(percent * 10) / 10}%`;
}
