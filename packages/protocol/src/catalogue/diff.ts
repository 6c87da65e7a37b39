// What a new catalogue version changes, as an administrator reviews it before applying: matters added,
// removed and changed (with the elements that changed), and departments and routing rules.
import { canonicalJson } from '../canonical-json';
import type { CatalogueBundle } from './bundle';
import type { Matter } from './schema';

/** A changed matter: which top-level elements differ; situations as `situations:<code>` (新增/删除/修改). */
export interface MatterChange {
  code: string;
  name: string;
  fields: string[];
}

/** The difference between two versions. */
export interface CatalogueDiff {
  fromVersion: string;
  toVersion: string;
  added: { code: string; name: string }[];
  removed: { code: string; name: string }[];
  changed: MatterChange[];
  departments: { added: string[]; removed: string[]; changed: { id: string; fields: string[] }[] };
  /** Routing rules (by kind, matter and division) added, removed or pointing elsewhere. */
  rules: { added: number; removed: number; changed: number };
}

const same = (a: unknown, b: unknown): boolean => canonicalJson(a ?? null) === canonicalJson(b ?? null);

/** Names of the keys whose values differ between two plain objects, sorted. */
function changedKeys(a: object, b: object, skip: readonly string[] = []): string[] {
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  return [...keys].filter((k) => !skip.includes(k) && !same(ra[k], rb[k])).sort();
}

function situationChanges(before: Matter, after: Matter): string[] {
  const old = new Map(before.situations.map((s) => [s.code, s]));
  const now = new Map(after.situations.map((s) => [s.code, s]));
  const out: string[] = [];
  for (const [code, s] of now) {
    const prev = old.get(code);
    if (!prev) out.push(`situations:${code}:added`);
    else if (!same(prev, s)) out.push(`situations:${code}:${changedKeys(prev, s).join('+')}`);
  }
  for (const code of old.keys()) if (!now.has(code)) out.push(`situations:${code}:removed`);
  return out;
}

function ruleKey(r: CatalogueBundle['routing']['rules'][number]): string {
  return `${r.departmentKind}|${r.matterCode ?? '*'}|${r.divisionCode ?? 'default'}`;
}

/** Compares two versions (matters by code, departments by id, rules by kind/matter/division). */
export function diffCatalogues(from: CatalogueBundle, to: CatalogueBundle): CatalogueDiff {
  const before = new Map(from.catalogue.matters.map((m) => [m.code, m]));
  const after = new Map(to.catalogue.matters.map((m) => [m.code, m]));
  const changed: MatterChange[] = [];
  for (const [code, m] of after) {
    const prev = before.get(code);
    if (!prev || same(prev, m)) continue;
    const fields = changedKeys(prev, m, ['situations']);
    if (!same(prev.situations, m.situations)) fields.push(...situationChanges(prev, m));
    const kindBefore = from.routing.matters[code];
    const kindAfter = to.routing.matters[code];
    if (kindBefore !== kindAfter) fields.push('routing');
    changed.push({ code, name: m.name, fields });
  }
  const deptBefore = from.routing.departments ?? {};
  const deptAfter = to.routing.departments ?? {};
  const rulesBefore = new Map(from.routing.rules.map((r) => [ruleKey(r), r]));
  const rulesAfter = new Map(to.routing.rules.map((r) => [ruleKey(r), r]));
  return {
    fromVersion: from.catalogue.catalogueVersion,
    toVersion: to.catalogue.catalogueVersion,
    added: [...after.values()].filter((m) => !before.has(m.code)).map(({ code, name }) => ({ code, name })),
    removed: [...before.values()].filter((m) => !after.has(m.code)).map(({ code, name }) => ({ code, name })),
    changed,
    departments: {
      added: Object.keys(deptAfter).filter((id) => !(id in deptBefore)),
      removed: Object.keys(deptBefore).filter((id) => !(id in deptAfter)),
      changed: Object.keys(deptAfter)
        .filter((id) => id in deptBefore && !same(deptBefore[id], deptAfter[id]))
        .map((id) => ({ id, fields: changedKeys(deptBefore[id] as object, deptAfter[id] as object) })),
    },
    rules: {
      added: [...rulesAfter.keys()].filter((k) => !rulesBefore.has(k)).length,
      removed: [...rulesBefore.keys()].filter((k) => !rulesAfter.has(k)).length,
      changed: [...rulesAfter].filter(([k, r]) => rulesBefore.has(k) && !same(rulesBefore.get(k), r)).length,
    },
  };
}
