// The 好差评 section of the department's case page: the rating, and for a 差评 its follow-up with
// the steps 回访 → 核实 → 整改 → 反馈 as the window recorded them. The rater's contact is masked
// (domain-facts §8): the callback is made at the window, the department does not need it in full.
import {
  FOLLOW_UP_STEP_LABELS_ZH,
  FOLLOW_UP_STEPS,
  RATING_INDICATOR_LABELS_ZH,
  RATING_LEVEL_LABELS_ZH,
  VERIFY_FINDING_LABELS_ZH,
  type RatingLevel,
} from '@tongban/protocol/supervisor/ratings';
import { maskName, maskPhone } from '@tongban/protocol/validators';
import { chinaTime, html, type Html } from '../department/html';
import type { CaseRatingRecord } from './repo';

const facts = (pairs: [string, unknown][]) =>
  html`<dl class="facts">${pairs.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>`;

function followUp(r: CaseRatingRecord): Html {
  const f = r.followUp;
  if (!f) return html``;
  const rows = FOLLOW_UP_STEPS.map((name) => {
    const s = r.steps.find((x) => x.step === name);
    if (!s)
      return html`<tr><td>${FOLLOW_UP_STEP_LABELS_ZH[name]}</td><td class="muted">未完成</td><td></td><td></td></tr>`;
    const extra = [
      s.contacted === null ? null : s.contacted ? '已联系到评价人' : '未联系到评价人',
      s.finding ? `核实结果：${VERIFY_FINDING_LABELS_ZH[s.finding]}` : null,
    ]
      .filter(Boolean)
      .join('；');
    return html`<tr><td>${FOLLOW_UP_STEP_LABELS_ZH[name]}</td><td>${s.note}${extra ? html`<div class="muted">${extra}</div>` : ''}</td><td>${s.byName}</td><td>${chinaTime(new Date(s.at))}</td></tr>`;
  });
  const closed = r.steps.some((s) => s.step === 'feedback');
  return html`<h3>差评回访整改</h3>${facts([
    ['状态', closed ? '已反馈办结' : '整改中'],
    ['整改期限', `${f.dueDate}（${f.workingDays} 个工作日）`],
  ])}<table><thead><tr><th scope="col">环节</th><th scope="col">记录</th><th scope="col">经办人</th><th scope="col">时间</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** The section, or nothing when the case has no rating. */
export function ratingSection(r: CaseRatingRecord | null): Html {
  if (!r) return html``;
  const m = r.rating;
  return html`<h2>好差评</h2>${facts([
    ['评价', `${RATING_LEVEL_LABELS_ZH[m.level as RatingLevel]}（${m.level} 星）${m.level <= 2 ? '，差评' : ''}`],
    ['评价指标', m.indicators.map((i) => RATING_INDICATOR_LABELS_ZH[i]).join('、')],
    ['评价内容', m.comment || '—'],
    ['评价人', m.contact ? `实名：${maskName(m.contact.name)}，${maskPhone(m.contact.phone)}` : '匿名'],
    ['评价时间', chinaTime(new Date(m.ratedAt))],
  ])}${followUp(r)}`;
}
