// Locality routing: which department of the 业务属地 receives a matter, by division code.
import { z } from 'zod';
import {
  divisionAncestry,
  divisionLevel,
  DIVISION_CODE_PATTERN,
  NATIONWIDE_CODE,
  type DivisionLevel,
} from './division-code';
import { ALWAYS_REFINE, issuesToErrors, prop, type IssueSink, type ParseResult, type ValidationError } from './issues';
import { NonEmpty } from './schema-parts';
import { MATTER_CODE_PATTERN } from './schema';
import { CATALOGUE_VERSION_PATTERN } from './version';

const DivisionCode = z.string().regex(DIVISION_CODE_PATTERN, 'division code must be 6 digits');
const KindId = z.string().regex(/^[a-z][a-z0-9-]{1,31}$/, 'department kind must be lower-case kebab-case');

const DepartmentId = z
  .string()
  .regex(/^[A-Z0-9][A-Z0-9-]{2,63}$/, 'departmentId must be upper-case letters, digits and "-"');

/** Levels of a 办理地 department (办理层级). */
export const DEPARTMENT_LEVELS = ['国家级', '省级', '市级', '县级'] as const;

/**
 * A 业务属地 department as data: who it is, and what its own documents must name — the 复议机关 and the
 * court a 不予受理 under 委托受理 points to, the address originals are posted to, its phone.
 */
export const DepartmentSchema = z.strictObject({
  name: NonEmpty,
  /** Province (6-digit code ending 0000; '000000' for a national platform). */
  province: DivisionCode,
  level: z.enum(DEPARTMENT_LEVELS),
  /** 行政复议机关, e.g. '成都市锦江区人民政府'. */
  reviewBody: NonEmpty.optional(),
  /** Court for 行政诉讼 (行政诉讼法 §18: where the deciding body sits), e.g. '成都市锦江区人民法院'. */
  court: NonEmpty.optional(),
  /** Where originals are posted (收件地址). */
  originalsAddress: NonEmpty.optional(),
  phone: NonEmpty.optional(),
  verified: z.boolean(),
  note: NonEmpty.optional(),
});

/** Where a routed case goes: the receiving department and the sync-gateway partition. */
export const RouteSchema = z.strictObject({
  departmentId: DepartmentId,
  departmentName: NonEmpty,
  /** Division of the receiving department ('000000' = nationwide platform). */
  divisionCode: DivisionCode,
  channel: z.enum(['online', 'post']),
  /** Partition key of the sync gateway (province or city code, '000000' for the default partition). */
  gatewayDistrict: DivisionCode,
  verified: z.boolean(),
  note: NonEmpty.optional(),
});

/** One routing rule; `divisionCode: null` is the default of its department kind. */
export const RoutingRuleSchema = z.strictObject({
  departmentKind: KindId,
  matterCode: z.string().regex(MATTER_CODE_PATTERN).optional(),
  divisionCode: DivisionCode.refine((code) => code !== NATIONWIDE_CODE, 'use null for a default rule').nullable(),
  route: RouteSchema,
});

/** The routing file (resources/catalogue/routing.json). */
export const RoutingSchema = z
  .strictObject({
    schemaVersion: z.literal(1),
    routingVersion: z.string().regex(CATALOGUE_VERSION_PATTERN, "routingVersion must look like 'YYYY.MM.N'"),
    publishedAt: z.iso.date(),
    note: NonEmpty,
    departmentKinds: z.record(KindId, z.strictObject({ name: NonEmpty })),
    /** Department register by departmentId (optional details a route's department adds). */
    departments: z.record(DepartmentId, DepartmentSchema).optional(),
    matters: z.record(z.string().regex(MATTER_CODE_PATTERN, 'matter code must look like CQ-KSTB-0001'), KindId),
    rules: z.array(RoutingRuleSchema).min(1),
  })
  .superRefine((routing, ctx) => checkRouting(routing, ctx), ALWAYS_REFINE);

function checkRouting(routing: unknown, ctx: IssueSink): void {
  const kinds = prop(routing, 'departmentKinds');
  const known = (kind: unknown): boolean => typeof kind === 'string' && prop(kinds, kind) !== undefined;
  const matters = prop(routing, 'matters');
  if (typeof matters === 'object' && matters !== null) {
    for (const [code, kind] of Object.entries(matters)) {
      if (typeof kind === 'string' && !known(kind))
        ctx.addIssue({ code: 'custom', path: ['matters', code], message: `unknown department kind "${kind}"` });
    }
  }
  const rules = prop(routing, 'rules');
  if (!Array.isArray(rules)) return;
  const departments = prop(routing, 'departments');
  if (typeof departments === 'object' && departments !== null) {
    rules.forEach((rule, index) => {
      const id = prop(prop(rule, 'route'), 'departmentId');
      if (typeof id === 'string' && prop(departments, id) === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['rules', index, 'route', 'departmentId'],
          message: `department "${id}" is not in departments`,
        });
    });
  }
  const seen = new Map<string, number>();
  const defaults = new Set<string>();
  rules.forEach((rule, index) => {
    const kind = prop(rule, 'departmentKind');
    const matterCode = prop(rule, 'matterCode');
    const divisionCode = prop(rule, 'divisionCode');
    if (typeof kind === 'string' && !known(kind))
      ctx.addIssue({
        code: 'custom',
        path: ['rules', index, 'departmentKind'],
        message: `unknown department kind "${kind}"`,
      });
    if (typeof matterCode === 'string' && prop(matters, matterCode) !== kind) {
      ctx.addIssue({
        code: 'custom',
        path: ['rules', index, 'matterCode'],
        message: `matter "${matterCode}" is not mapped to department kind "${String(kind)}"`,
      });
    }
    if (divisionCode === null && matterCode === undefined && typeof kind === 'string') defaults.add(kind);
    const key = `${String(kind)}|${String(matterCode ?? '*')}|${String(divisionCode)}`;
    const first = seen.get(key);
    if (first !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['rules', index],
        message: `duplicate rule (same kind, matter and division as rules[${first}])`,
      });
    else seen.set(key, index);
  });
  if (typeof kinds === 'object' && kinds !== null) {
    for (const kind of Object.keys(kinds)) {
      if (!defaults.has(kind))
        ctx.addIssue({
          code: 'custom',
          path: ['departmentKinds', kind],
          message: `department kind "${kind}" has no default rule`,
        });
    }
  }
}

/** A validated routing file. */
export type Routing = z.infer<typeof RoutingSchema>;
/** A validated route. */
export type Route = z.infer<typeof RouteSchema>;
/** A validated department. */
export type DepartmentInfo = z.infer<typeof DepartmentSchema>;
/** A validated routing rule. */
export type RoutingRule = z.infer<typeof RoutingRuleSchema>;
/** A resolved route plus how it was matched. */
export interface ResolvedRoute extends Route {
  matchedLevel: DivisionLevel | 'default';
  /** Division code of the rule that matched (null for a default rule). */
  ruleDivisionCode: string | null;
  /** True when the rule names this matter specifically (not just its department kind). */
  matterSpecific: boolean;
  /** The department's register entry, when the routing file has one. */
  department: DepartmentInfo | null;
  /** 多地联办: each part with its routed department, step 1 first (set by jointRoute; decision 0215). */
  parts?: {
    code: string;
    name: string;
    departmentId: string;
    departmentName: string;
    step: number;
    required: boolean;
  }[];
}

/**
 * A 多地联办 matter's route: its parts each routed by their department kind for the locality, the case going to the
 * first part of step 1. Null when any part has no route. A matter without parts keeps `route` as it is.
 */
export function jointRoute(
  routing: Routing,
  matter: {
    code: string;
    jointParts?: readonly { code: string; name: string; departmentKind: string; step: number; required: boolean }[];
  },
  divisionCode: string,
  route: ResolvedRoute | null,
): ResolvedRoute | null {
  if (!route || !matter.jointParts) return route;
  const ordered = [...matter.jointParts].sort((a, b) => a.step - b.step);
  const routed = ordered.map((p) => ({
    part: p,
    route: resolveKindRoute(routing, p.departmentKind, matter.code, divisionCode),
  }));
  if (routed.some((r) => r.route === null)) return null;
  const parts = routed.map(({ part, route: r }) => ({
    code: part.code,
    name: part.name,
    departmentId: (r as ResolvedRoute).departmentId,
    departmentName: (r as ResolvedRoute).departmentName,
    step: part.step,
    required: part.required,
  }));
  const lead = routed[0]?.route as ResolvedRoute;
  return { ...lead, parts };
}

/** Validates unknown JSON as a routing file, returning every error with its path. */
export function parseRouting(json: unknown): ParseResult<'routing', Routing> {
  const result = RoutingSchema.safeParse(json);
  if (result.success) return { ok: true, routing: result.data };
  return { ok: false, errors: issuesToErrors(result.error.issues) };
}

/**
 * Resolves the receiving department for a matter and a locality (业务属地) division code:
 * exact county → city → province → default; at equal level a matter-specific rule beats a kind-wide one.
 * Returns null for an unknown matter, a malformed code, or when nothing (not even a default) matches.
 */
export function resolveRoute(routing: Routing, matterCode: string, divisionCode: string): ResolvedRoute | null {
  const kind = routing.matters[matterCode];
  if (kind === undefined) return null;
  return resolveKindRoute(routing, kind, matterCode, divisionCode);
}

/**
 * Resolves the department of one department kind for a matter and a locality (the same rules as resolveRoute):
 * used for each part of a 多地联办 matter, whose parts name their own department kinds.
 */
export function resolveKindRoute(
  routing: Routing,
  kind: string,
  matterCode: string,
  divisionCode: string,
): ResolvedRoute | null {
  if (routing.departmentKinds[kind] === undefined || divisionLevel(divisionCode) === null) return null;
  const candidates = routing.rules.filter(
    (r) => r.departmentKind === kind && (r.matterCode === undefined || r.matterCode === matterCode),
  );
  for (const code of [...divisionAncestry(divisionCode), null]) {
    const atLevel = candidates.filter((r) => r.divisionCode === code);
    const rule = atLevel.find((r) => r.matterCode === matterCode) ?? atLevel[0];
    if (rule) {
      return {
        ...rule.route,
        matchedLevel: code === null ? 'default' : (divisionLevel(code) ?? 'default'),
        ruleDivisionCode: code,
        matterSpecific: rule.matterCode !== undefined,
        department: routing.departments?.[rule.route.departmentId] ?? null,
      };
    }
  }
  return null;
}

/** Cross-checks routing against catalogue matters: every matter routed, no routes for unknown matters. */
export function routingCoverageErrors(
  routing: Routing,
  matters: readonly { code: string; department: string; jointParts?: readonly { departmentKind: string }[] }[],
): ValidationError[] {
  const errors: ValidationError[] = [];
  const codes = new Set(matters.map((m) => m.code));
  for (const matter of matters) {
    (matter.jointParts ?? []).forEach((part, index) => {
      if (routing.departmentKinds[part.departmentKind] === undefined)
        errors.push({
          path: `matters.${matter.code}.jointParts.${index}`,
          message: `part of "${matter.code}" names unknown department kind "${part.departmentKind}"`,
        });
    });
    const kind = routing.matters[matter.code];
    if (kind === undefined) {
      errors.push({ path: `matters.${matter.code}`, message: `matter "${matter.code}" has no routing entry` });
    } else if (routing.departmentKinds[kind]?.name !== matter.department) {
      errors.push({
        path: `matters.${matter.code}`,
        message: `kind "${kind}" does not match catalogue department "${matter.department}"`,
      });
    }
  }
  for (const code of Object.keys(routing.matters)) {
    if (!codes.has(code))
      errors.push({ path: `matters.${code}`, message: `routing names matter "${code}" that is not in the catalogue` });
  }
  return errors;
}
