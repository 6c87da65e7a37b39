import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { createCatalogueService } from './catalogue-service';
import { cataloguePath } from './paths';
import { RESOURCES_DIR } from './test-paths';

describe('createCatalogueService', async () => {
  const text = await readFile(cataloguePath(RESOURCES_DIR), 'utf8');
  const shipped = JSON.parse(text) as { catalogueVersion: string; matters: unknown[] };
  const newer = (version: string): string => JSON.stringify({ ...JSON.parse(text), catalogueVersion: version });

  it('exposes catalogue, routing and divisions', async () => {
    const service = await createCatalogueService(RESOURCES_DIR);
    expect(service.version()).toBe(shipped.catalogueVersion);
    expect(service.findMatter('CQ-KSTB-0005')?.name).toBe('户口迁移');
    expect(service.route('CQ-KSTB-0005', '510116')?.matchedLevel).toBe('county');
    expect(service.route('CQ-KSTB-9999', '510116')).toBeNull();
    expect(service.divisionName('371202')).toBe('莱芜市莱城区');
    expect(service.countyExists('371202')).toBe(false);
    expect(service.view().searchIndex.catalogueVersion).toBe(shipped.catalogueVersion);
    expect(service.divisionsView().counties['500101']).toBe('万州区');
  });

  it('switches to a valid newer import and rejects an older one', async () => {
    const service = await createCatalogueService(RESOURCES_DIR);
    expect(service.importCatalogue(newer(shipped.catalogueVersion))).toMatchObject({ ok: false });
    expect(service.importCatalogue(newer('2099.12.1'))).toMatchObject({
      ok: true,
      version: '2099.12.1',
      matters: shipped.matters.length,
    });
    expect(service.version()).toBe('2099.12.1');
    expect(service.view().searchIndex.catalogueVersion).toBe('2099.12.1');
  });

  it('uses a persisted import at start-up only when it is valid and newer', async () => {
    expect((await createCatalogueService(RESOURCES_DIR, { importedCatalogueText: newer('2099.01.1') })).version()).toBe(
      '2099.01.1',
    );
    const ignored: unknown[] = [];
    const service = await createCatalogueService(RESOURCES_DIR, {
      importedCatalogueText: '{',
      onIgnoredImport: (e) => ignored.push(e),
    });
    expect(service.version()).toBe(shipped.catalogueVersion);
    expect(ignored).toHaveLength(1);
  });
});
