import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { validateCatalogueImport } from './import-catalogue';
import { loadCatalogue, loadRouting } from './loaders';
import { cataloguePath } from './paths';
import { RESOURCES_DIR } from './test-paths';

describe('validateCatalogueImport', async () => {
  const text = await readFile(cataloguePath(RESOURCES_DIR), 'utf8');
  const { catalogue: current } = await loadCatalogue(RESOURCES_DIR);
  const { routing } = await loadRouting(RESOURCES_DIR);
  type Doc = {
    catalogueVersion: string;
    matters: { code: string; promisedDays: number; situations: { materials: { form: string }[] }[] }[];
  };
  const edited = (edit: (doc: Doc) => void): string => {
    const doc = JSON.parse(text) as Doc;
    edit(doc);
    return JSON.stringify(doc);
  };

  it('accepts a newer valid catalogue and warns about removed or unrouted matters', () => {
    const result = validateCatalogueImport(
      edited((doc) => {
        doc.catalogueVersion = '2099.12.1';
        doc.matters.pop();
        doc.matters.push({ ...doc.matters[0]!, code: 'CQ-KSTB-0099' });
      }),
      current,
      { routing },
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.catalogue.catalogueVersion).toBe('2099.12.1');
    expect(result.warnings.some((w) => w.includes('is removed'))).toBe(true);
    expect(result.warnings.some((w) => w.includes('CQ-KSTB-0099'))).toBe(true);
  });

  it('rejects bad JSON', () => {
    const result = validateCatalogueImport('{ "schemaVersion": 1,', current);
    expect(result.ok ? [] : result.errors).toEqual([{ path: '', message: expect.stringContaining('invalid JSON') }]);
  });

  it('rejects a version that is not newer, together with all schema errors', () => {
    const result = validateCatalogueImport(
      edited((doc) => {
        doc.matters[2]!.promisedDays = -1;
        doc.matters[5]!.situations[0]!.materials[0]!.form = 'fax';
      }),
      current,
    );
    expect(result.ok ? [] : result.errors.map((e) => e.path)).toEqual([
      'catalogueVersion',
      'matters[2].promisedDays',
      'matters[5].situations[0].materials[0].form',
    ]);
    const older = validateCatalogueImport(
      edited((doc) => (doc.catalogueVersion = '2025.01.3')),
      current,
    );
    expect(older.ok ? '' : older.errors[0]?.message).toContain('not newer');
  });

  it('tolerates a UTF-8 BOM', () => {
    const result = validateCatalogueImport(`\uFEFF${edited((doc) => (doc.catalogueVersion = '2027.01.1'))}`, current);
    expect(result.ok).toBe(true);
  });
});
