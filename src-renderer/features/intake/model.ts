import { z } from 'zod';
import {
  APPLY_MODES,
  ID_TYPES,
  MATERIAL_HANDLINGS,
  type Application,
  type MaterialHandling,
  type Person,
} from '@tongban/protocol/cases/application';
import { materialsFor } from '@common/cases/formal-check';
import { applicantMinor, materialCannotApply } from '@common/cases/material-defaults';
import { chinaDate } from '@common/time';
import type { Material, Situation, FormField } from '@tongban/protocol/catalogue/schema';
import { recordedLicenceSchema, type RecordedLicence } from '@tongban/protocol/licences/licences';

// The wizard's state as saved in a draft (`drafts:save` data). Everything the clerk typed is kept
// as typed; `toApplication` turns it into the application the formal check and the main process see.

/** The wizard steps, in order. */
export const STEPS = ['matter', 'situation', 'applicant', 'materials', 'review'] as const;
export type StepKey = (typeof STEPS)[number];
export const STEP = { matter: 0, situation: 1, applicant: 2, materials: 3, review: 4 } as const satisfies Record<
  StepKey,
  number
>;

/** How one material was received at the counter. */
export interface MaterialEntry {
  handling: MaterialHandling;
  pages: number;
  /** The 电子证照 chosen for it (handling 'e-licence'): recorded with the case, no original needed. */
  licence?: RecordedLicence;
}

/** An agent: a person plus the relationship to the applicant. */
export type AgentDraft = Person & { relationship: string };

/** Everything the wizard holds; saved as the draft's data. */
export interface WizardData {
  v: 1;
  step: number;
  matterCode: string | null;
  situationCode: string | null;
  mode: Application['mode'];
  applicant: Person;
  agent: AgentDraft;
  localityDivision: string;
  /** True while the locality follows the form's division field (the clerk has not chosen one). */
  localityAuto: boolean;
  form: Record<string, string>;
  materials: Record<string, MaterialEntry>;
  delivery: Application['delivery'];
  deliveryAddress: string;
  /** The 一次性告知书 number when this draft completes a 待补齐 case. */
  resumedFrom: string | null;
}

const str = (max: number) => z.string().max(max).catch('');
const personSchema = z.object({
  name: str(50),
  idType: z.enum(ID_TYPES).catch('resident-id'),
  idNumber: str(32),
  phone: str(24),
  address: str(200),
});
const entrySchema = z.object({
  handling: z.enum(MATERIAL_HANDLINGS),
  pages: z.number().int().min(0).max(999).catch(0),
  licence: recordedLicenceSchema.optional().catch(undefined),
});

/** Reads saved wizard data leniently: a damaged field falls back to empty, never the whole draft. */
const draftSchema = z.object({
  step: z
    .number()
    .int()
    .min(0)
    .max(STEPS.length - 1)
    .catch(0),
  matterCode: z.string().max(40).nullable().catch(null),
  situationCode: z.string().max(40).nullable().catch(null),
  mode: z.enum(APPLY_MODES).catch('self'),
  applicant: personSchema.catch(() => emptyPerson()),
  agent: personSchema.extend({ relationship: str(20) }).catch(() => ({ ...emptyPerson(), relationship: '' })),
  localityDivision: z.string().max(6).catch(''),
  localityAuto: z.boolean().catch(true),
  form: z.record(z.string().max(40), z.string().max(2000)).catch({}),
  materials: z.record(z.string().max(40), entrySchema).catch({}),
  delivery: z.enum(['window', 'ems', 'online']).catch('window'),
  deliveryAddress: str(200),
  resumedFrom: z.string().max(40).nullable().catch(null),
});

export function emptyPerson(): Person {
  return { name: '', idType: 'resident-id', idNumber: '', phone: '', address: '' };
}

/** A new wizard: nothing chosen yet. */
export function emptyWizardData(): WizardData {
  return {
    v: 1,
    step: STEP.matter,
    matterCode: null,
    situationCode: null,
    mode: 'self',
    applicant: emptyPerson(),
    agent: { ...emptyPerson(), relationship: '' },
    localityDivision: '',
    localityAuto: true,
    form: {},
    materials: {},
    delivery: 'window',
    deliveryAddress: '',
    resumedFrom: null,
  };
}

/** What `drafts:resume` stores: the application of the 待补齐 case and its notice number. */
const resumedSchema = z.object({
  resumedFrom: z.string().nullable().catch(null),
  application: z.record(z.string(), z.unknown()),
});

/** The wizard data of a draft, from this wizard's own format or from a resumed 待补齐 case. */
export function parseDraftData(data: unknown): WizardData {
  const resumed = resumedSchema.safeParse(data);
  if (resumed.success) return fromApplication(resumed.data.application, resumed.data.resumedFrom);
  const parsed = draftSchema.safeParse(data ?? {});
  return parsed.success ? { v: 1, ...parsed.data } : emptyWizardData();
}

function fromApplication(app: Record<string, unknown>, resumedFrom: string | null): WizardData {
  const materials: Record<string, MaterialEntry> = {};
  for (const m of Array.isArray(app.materials) ? app.materials : []) {
    const entry = z.object({ code: z.string(), handling: z.enum(MATERIAL_HANDLINGS), pages: z.number() }).safeParse(m);
    if (entry.success) materials[entry.data.code] = { handling: entry.data.handling, pages: entry.data.pages };
  }
  // A resumed case keeps the licences it recorded (main checks them again at 收件).
  const recorded = z
    .array(recordedLicenceSchema)
    .catch([])
    .parse(app.licences ?? []);
  for (const licence of recorded) {
    const entry = materials[licence.materialCode];
    if (entry?.handling === 'e-licence') materials[licence.materialCode] = { ...entry, licence };
  }
  const base = draftSchema.parse({ ...app, agent: app.agent ?? undefined, materials: {}, localityAuto: false });
  // Back on the materials step: what is missing is usually a material.
  return { ...base, v: 1, step: STEP.materials, materials, resumedFrom };
}

/** The application as submitted: only this situation's fields and materials, the agent only for 代办. */
export function toApplication(caseId: string, data: WizardData, situation: Situation): Application {
  const trimPerson = (p: Person): Person => ({
    name: p.name.trim(),
    idType: p.idType,
    idNumber: p.idNumber.trim().toUpperCase(),
    phone: p.phone.trim(),
    address: p.address.trim(),
  });
  const hidden = new Set(visibleMaterials(situation, data).hidden.map((m) => m.code));
  const form: Record<string, string> = {};
  for (const field of situation.fields) {
    const value = (data.form[field.key] ?? '').trim();
    if (value) form[field.key] = value;
  }
  return {
    caseId,
    matterCode: data.matterCode ?? '',
    situationCode: data.situationCode ?? '',
    localityDivision: data.localityDivision,
    mode: data.mode,
    applicant: trimPerson(data.applicant),
    agent: data.mode === 'proxy' ? { ...trimPerson(data.agent), relationship: data.agent.relationship.trim() } : null,
    form,
    materials: materialsFor(situation, data).map((m) => {
      // A row hidden as not applicable (代办 rows after switching to 本人) is sent as not provided.
      const entry = hidden.has(m.code) ? undefined : data.materials[m.code];
      return { code: m.code, handling: entry?.handling ?? 'not-provided', pages: entry?.pages ?? 0 };
    }),
    delivery: data.delivery,
    deliveryAddress: data.delivery === 'ems' ? data.deliveryAddress.trim() : '',
    ...licencesOf(data, situation, hidden),
  };
}

/** The licences of the rows handled 'e-licence' (left out when none, as before). */
function licencesOf(data: WizardData, situation: Situation, hidden: Set<string>): Pick<Application, 'licences'> {
  const licences = materialsFor(situation, data).flatMap((m) => {
    const entry = hidden.has(m.code) ? undefined : data.materials[m.code];
    return entry?.handling === 'e-licence' && entry.licence ? [entry.licence] : [];
  });
  return licences.length ? { licences } : {};
}

/** The first division field of a situation, whose value the locality follows by default. */
export function localitySourceField(situation: Situation | undefined): string | null {
  return situation?.fields.find((f) => f.kind === 'division')?.key ?? null;
}

/** The wizard data after choosing another situation: its own fields kept, materials started afresh. */
export function withSituation(data: WizardData, situation: Situation): WizardData {
  const keys = new Set(situation.fields.map((f) => f.key));
  const form = Object.fromEntries(Object.entries(data.form).filter(([key]) => keys.has(key)));
  const source = localitySourceField(situation);
  const localityDivision = data.localityAuto ? (source ? (form[source] ?? '') : '') : data.localityDivision;
  return { ...data, situationCode: situation.code, form, materials: {}, localityDivision };
}

/** The materials list as shown: what can apply to this application, and what is hidden because it cannot. */
export function visibleMaterials(
  situation: Situation,
  data: Pick<WizardData, 'mode' | 'applicant'>,
  todayIso = chinaDate(new Date()),
): { shown: Material[]; hidden: Material[] } {
  const minor = applicantMinor(data.applicant, todayIso);
  const shown: Material[] = [];
  const hidden: Material[] = [];
  for (const m of materialsFor(situation, data))
    (materialCannotApply(m, { mode: data.mode, minor }) ? hidden : shown).push(m);
  return { shown, hidden };
}

/** A situation field only for minors' applications (监护人姓名 …), hidden once the applicant is known to be an adult. */
export function fieldHidden(
  field: FormField,
  data: Pick<WizardData, 'applicant'>,
  todayIso = chinaDate(new Date()),
): boolean {
  return !field.required && /未成年/.test(field.help ?? '') && applicantMinor(data.applicant, todayIso) === false;
}
