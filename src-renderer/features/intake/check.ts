import { applicationSchema, type Application } from '@tongban/protocol/cases/application';
import { formalCheck, type FormalCheckResult, type MissingMaterial } from '@common/cases/formal-check';
import type { Matter, Situation } from '@tongban/protocol/catalogue/schema';
import type { FieldProblem } from '@common/result';
import { STEP } from './model';

// 形式审查 in the renderer: the very schema and `formalCheck` of `common` the main process runs on
// submit, so the clerk sees the same verdict while typing. Main re-checks everything anyway.

/** What the check needs from the catalogue and the divisions. */
export interface CheckContext {
  matter: Matter;
  situation: Situation;
  attachmentsByMaterial: Record<string, number>;
  countyExists?: (code: string) => boolean;
  divisionExists?: (code: string) => boolean;
}

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The schema's problems as the main process's gate reports them (path + kebab code). */
function schemaProblems(app: Application): FieldProblem[] {
  const parsed = applicationSchema.safeParse(app);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    code: KEBAB.test(issue.message) ? issue.message : `schema-${issue.code.replace(/_/g, '-')}`,
  }));
}

/** Runs the schema and the formal check; schema problems come first, one problem per path and code. */
export function checkApplication(app: Application, ctx: CheckContext, today = new Date()): FormalCheckResult {
  const parsed = applicationSchema.safeParse(app);
  const result = formalCheck(parsed.success ? parsed.data : app, { ...ctx, today });
  const seen = new Set<string>();
  const fieldErrors = [...schemaProblems(app), ...result.fieldErrors].filter((p) => {
    const key = `${p.path}|${p.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { ...result, fieldErrors };
}

/** Adds the main process's own findings (e.g. route-unknown) to the local result. */
export function mergeChecks(local: FormalCheckResult, remote: FormalCheckResult | null): FormalCheckResult {
  if (!remote) return local;
  const has = (list: FieldProblem[], p: FieldProblem) => list.some((q) => q.path === p.path && q.code === p.code);
  const sameMissing = (list: MissingMaterial[], m: MissingMaterial) => list.some((q) => q.code === m.code);
  return {
    fieldErrors: [...local.fieldErrors, ...remote.fieldErrors.filter((p) => !has(local.fieldErrors, p))],
    warnings: [...local.warnings, ...remote.warnings.filter((p) => !has(local.warnings, p))],
    missingMaterials: [
      ...local.missingMaterials,
      ...remote.missingMaterials.filter((m) => !sameMissing(local.missingMaterials, m)),
    ],
  };
}

/** Codes per field path. */
export function codesByPath(problems: FieldProblem[]): Map<string, string[]> {
  const byPath = new Map<string, string[]>();
  for (const { path, code } of problems) byPath.set(path, [...(byPath.get(path) ?? []), code]);
  return byPath;
}

/** The step on which the field of a path is edited. */
export function stepOfPath(path: string): number {
  return path.startsWith('materials') ? STEP.materials : STEP.applicant;
}

/** Problems that keep the clerk on the applicant step: identity, locality and delivery (not the situation's own form). */
export function blockingOnApplicantStep(problems: FieldProblem[]): FieldProblem[] {
  return problems.filter((p) => stepOfPath(p.path) === STEP.applicant && !p.path.startsWith('form.'));
}

// What a 一次性告知书 would list and whether one may be issued: the rule of common/cases/notice-items.ts,
// the very one the main process applies to intake:notifyIncomplete.
export { canIssueNotice, noticeBlockers, noticeItems } from '@common/cases/notice-items';
