// What a reviewer reads instead of codes: the labels of a 情形's form fields from the matters
// catalogue and the names of division codes (GB/T 2260), from the same shipped files the windows use
// (resources/). Loaded once, lazily; if a file is missing or invalid the page falls back to the codes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDivisionLookup, parseDivisionsFile, type DivisionLookup } from '@tongban/protocol/catalogue/divisions';
import { parseCatalogue, type Catalogue, type FormField } from '@tongban/protocol/catalogue/schema';
import { RESOURCES_DIR } from '../paths';

const RESOURCES = RESOURCES_DIR;

let loaded: { catalogue: Catalogue | null; divisions: DivisionLookup | null } | null = null;

function readJson(...parts: string[]): unknown {
  try {
    return JSON.parse(readFileSync(join(RESOURCES, ...parts), 'utf8')) as unknown;
  } catch {
    return null;
  }
}

function reference() {
  if (loaded) return loaded;
  const catalogue = parseCatalogue(readJson('catalogue', 'catalogue.json'));
  const divisions = parseDivisionsFile(readJson('divisions', 'divisions.json'));
  loaded = {
    catalogue: catalogue.ok ? catalogue.catalogue : null,
    divisions: divisions.ok ? createDivisionLookup(divisions.divisions) : null,
  };
  return loaded;
}

/** A division code with its full name ('510104 四川省成都市锦江区'), or the code alone when unknown. */
export function divisionText(code: string): string {
  const name = reference().divisions?.divisionFullName(code);
  return name ? `${code} ${name}` : code;
}

/** The form of a case as label → value rows in the 情形's field order; keys the catalogue does not know keep their key. */
export function formRows(matterCode: string, situationCode: string, form: Record<string, unknown>): [string, string][] {
  const fields: FormField[] =
    reference()
      .catalogue?.matters.find((m) => m.code === matterCode)
      ?.situations.find((s) => s.code === situationCode)?.fields ?? [];
  const text = (field: FormField | undefined, value: unknown): string => {
    const s = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
    return field?.kind === 'division' && /^\d{6}$/.test(s) ? divisionText(s) : s;
  };
  const known = fields.filter((f) => f.key in form).map((f): [string, string] => [f.label, text(f, form[f.key])]);
  const unknown = Object.keys(form)
    .filter((k) => !fields.some((f) => f.key === k))
    .sort()
    .map((k): [string, string] => [k, text(undefined, form[k])]);
  return [...known, ...unknown];
}

/** The catalogue's input kind of each form field of a 情形 (empty when the catalogue does not know it). */
export function formFieldKinds(matterCode: string, situationCode: string): Map<string, FormField['kind']> {
  const fields =
    reference()
      .catalogue?.matters.find((m) => m.code === matterCode)
      ?.situations.find((s) => s.code === situationCode)?.fields ?? [];
  return new Map(fields.map((f) => [f.key, f.kind]));
}
