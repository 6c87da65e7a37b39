// Server-side inline SVG charts (no script, no style attributes: the CSP is default-src 'self'). Each chart has a
// <title> and the figures stay in the tables next to it, so nothing is only in the picture.
import { html, type Html } from '../department/html';

const BLUE = '#2f6fd6';
const GREEN = '#2e9d5b';
const RED = '#d4380d';
const GREY = '#8c8c8c';

const niceMax = (n: number): number => {
  if (n <= 8) return Math.max(4, Math.ceil(n / 4) * 4);
  const p = 10 ** Math.floor(Math.log10(n));
  return Math.ceil(n / p) * p;
};

/** Grouped vertical bars of received and decided per bucket. */
export function seriesChart(title: string, points: { at: string; received: number; decided: number }[]): Html {
  const W = 720;
  const H = 220;
  const left = 48;
  const bottom = 36;
  const top = 24;
  const max = niceMax(Math.max(1, ...points.map((p) => Math.max(p.received, p.decided))));
  const slot = (W - left - 10) / Math.max(1, points.length);
  const bar = Math.max(2, Math.min(18, slot / 2 - 2));
  const y = (v: number) => top + (H - top - bottom) * (1 - v / max);
  const every = Math.ceil(points.length / 12);
  const grid = [0, 0.25, 0.5, 0.75, 1].map(
    (t) =>
      html`<line x1="${left}" x2="${W - 10}" y1="${y(max * t)}" y2="${y(max * t)}" stroke="#e5e5e5"/><text x="${left - 6}" y="${y(max * t) + 4}" text-anchor="end" font-size="11" fill="${GREY}">${Math.round(max * t)}</text>`,
  );
  const bars = points.map((p, i) => {
    const x = left + i * slot + slot / 2;
    return html`<rect x="${x - bar - 1}" y="${y(p.received)}" width="${bar}" height="${y(0) - y(p.received)}" fill="${BLUE}"><title>${p.at} 收件 ${p.received}</title></rect>
      <rect x="${x + 1}" y="${y(p.decided)}" width="${bar}" height="${y(0) - y(p.decided)}" fill="${GREEN}"><title>${p.at} 办结 ${p.decided}</title></rect>
      ${i % every === 0 ? html`<text x="${x}" y="${H - bottom + 16}" text-anchor="middle" font-size="11" fill="#444">${p.at.slice(5)}</text>` : ''}`;
  });
  return html`<figure class="chart"><svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${title}" xmlns="http://www.w3.org/2000/svg">
    <title>${title}</title>${grid}${bars}
    <rect x="${left}" y="4" width="10" height="10" fill="${BLUE}"/><text x="${left + 14}" y="13" font-size="11">收件</text>
    <rect x="${left + 56}" y="4" width="10" height="10" fill="${GREEN}"/><text x="${left + 70}" y="13" font-size="11">办结</text>
  </svg><figcaption>${title}</figcaption></figure>`;
}

/** Horizontal bars: volume per row, with its overdue part in red; at most `limit` rows. */
export function volumeChart(
  title: string,
  rows: { label: string; value: number; overdue: number }[],
  limit = 15,
): Html {
  const shown = rows.slice(0, limit);
  const W = 720;
  const labelW = 220;
  const rowH = 20;
  const H = shown.length * rowH + 30;
  const max = niceMax(Math.max(1, ...shown.map((r) => r.value)));
  const x = (v: number) => ((W - labelW - 60) * v) / max;
  const bars = shown.map((r, i) => {
    const yy = 24 + i * rowH;
    const label = r.label.length > 16 ? `${r.label.slice(0, 15)}…` : r.label;
    return html`<text x="${labelW - 6}" y="${yy + 13}" text-anchor="end" font-size="11">${label}</text>
      <rect x="${labelW}" y="${yy + 3}" width="${x(r.value)}" height="${rowH - 6}" fill="${BLUE}"><title>${r.label} ${r.value}</title></rect>
      <rect x="${labelW}" y="${yy + 3}" width="${x(Math.min(r.overdue, r.value))}" height="${rowH - 6}" fill="${RED}"><title>${r.label} 超期 ${r.overdue}</title></rect>
      <text x="${labelW + x(r.value) + 4}" y="${yy + 13}" font-size="11" fill="#444">${r.value}${r.overdue ? `（超期 ${r.overdue}）` : ''}</text>`;
  });
  return html`<figure class="chart"><svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${title}" xmlns="http://www.w3.org/2000/svg">
    <title>${title}</title>
    <rect x="${labelW}" y="4" width="10" height="10" fill="${BLUE}"/><text x="${labelW + 14}" y="13" font-size="11">收件</text>
    <rect x="${labelW + 56}" y="4" width="10" height="10" fill="${RED}"/><text x="${labelW + 70}" y="13" font-size="11">超期</text>
    ${bars}</svg><figcaption>${title}${rows.length > limit ? `（前 ${limit} 项）` : ''}</figcaption></figure>`;
}

/** One stacked bar of 好评 / 中评 / 差评 shares. */
export function ratingChart(good: number, poor: number, rated: number): Html {
  const W = 720;
  const mid = Math.max(0, rated - good - poor);
  const w = (n: number) => (rated > 0 ? ((W - 20) * n) / rated : 0);
  const pct = (n: number) => (rated > 0 ? `${Math.round((n / rated) * 1000) / 10}%` : '—');
  return html`<figure class="chart"><svg viewBox="0 0 ${W} 56" role="img" aria-label="好差评构成" xmlns="http://www.w3.org/2000/svg">
    <title>好差评构成</title>
    <rect x="10" y="8" width="${w(good)}" height="22" fill="${GREEN}"/><rect x="${10 + w(good)}" y="8" width="${w(mid)}" height="22" fill="${GREY}"/>
    <rect x="${10 + w(good) + w(mid)}" y="8" width="${w(poor)}" height="22" fill="${RED}"/>
    <text x="10" y="48" font-size="12">好评（满意及以上）${good}（${pct(good)}） · 基本满意 ${mid} · 差评 ${poor}（${pct(poor)}） · 共 ${rated} 条</text>
  </svg><figcaption>好差评构成</figcaption></figure>`;
}
