// The 一次性告知 rule, defined once for the review step's button (src-renderer/features/intake) and
// for the main process's intake:notifyIncomplete (src-main/cases/intake-service.ts), so the button
// can never offer a notice the main process refuses, nor list other items than the printed notice.
import type { Situation } from '@tongban/protocol/catalogue/schema';
import type { FieldProblem } from '../result';
import type { FormalCheckResult, MissingMaterial } from './formal-check';

/** The situation's own form (办理情形的表单): a gap there becomes an item of the notice. */
const FORM_PREFIX = 'form.';

/** Problems a notice cannot list: who applies, how, where and how it is delivered must be right first. */
export function noticeBlockers(problems: readonly FieldProblem[]): FieldProblem[] {
  return problems.filter((p) => !p.path.startsWith(FORM_PREFIX));
}

/** One form gap as a notice item, worded as the printed notice says it. */
export function formGapAsMissing(problem: FieldProblem, situation: Situation): MissingMaterial {
  const key = problem.path.startsWith(FORM_PREFIX) ? problem.path.slice(FORM_PREFIX.length) : problem.path;
  const label = situation.fields.find((f) => f.key === key)?.label ?? key;
  return { code: `FIELD:${key}`, name: `${label}（需补充或更正）`, reason: 'not-provided' };
}

/** What a 一次性告知书 lists: every missing material, then each gap of the situation's form once. */
export function noticeItems(result: FormalCheckResult, situation: Situation): MissingMaterial[] {
  const gaps = result.fieldErrors
    .filter((p) => p.path.startsWith(FORM_PREFIX))
    .map((p) => formGapAsMissing(p, situation))
    .filter((g, i, all) => all.findIndex((o) => o.code === g.code) === i);
  return [...result.missingMaterials, ...gaps];
}

/** Whether a notice may be issued: nothing blocks it and it has something to list. */
export function canIssueNotice(result: FormalCheckResult, situation: Situation): boolean {
  return noticeBlockers(result.fieldErrors).length === 0 && noticeItems(result, situation).length > 0;
}
