// The catalogue a capacity run publishes before its load. A production gateway has a published catalogue
// version, and every case is checked against its routing from memory (decision 0231); with none published the
// gateway asks PostgreSQL for one on every case, which the bench must not charge to the cases. The shipped
// catalogue and routing, plus a rule per simulated district sending 社会保障卡申领 filed in that district to
// the shipped department on the window's own partition (the load windows' districts are their partitions).
import { resolve } from 'node:path';
import type pg from 'pg';
import type { CaseManifest } from '@tongban/protocol/sync/manifest';
import { readBundleFiles } from '../gateway/src/catalogue/cli';
import { importCatalogueVersion, latestVersionNumber } from '../gateway/src/catalogue/repo';
import { ROOT } from './host-process';

const MATTER = 'CQ-KSTB-0001';
const DEPARTMENT = 'SC-HRSS-CARD';

interface Rule {
  departmentKind: string;
  matterCode?: string;
  divisionCode: string | null;
  route: Record<string, unknown> & { departmentId: string; departmentName: string };
}

/**
 * Publishes the bench's catalogue version (once per database) and returns, per district, what a window of
 * that district files its cases under (matter, locality, department, catalogue version).
 */
export async function publishBenchCatalogue(
  pool: pg.Pool,
  districts: readonly string[],
): Promise<(district: string) => Partial<CaseManifest>> {
  const dir = resolve(ROOT, 'resources', 'catalogue');
  const files = readBundleFiles([resolve(dir, 'catalogue.json'), resolve(dir, 'routing.json')]);
  if (!files.ok) throw new Error('the shipped catalogue does not read');
  const bundle = files.json as { catalogue: { catalogueVersion: string }; routing: { rules: Rule[] } };
  const template = bundle.routing.rules.find((r) => r.matterCode === MATTER && r.route.departmentId === DEPARTMENT);
  if (!template) throw new Error(`the shipped routing has no rule for ${MATTER} → ${DEPARTMENT}`);
  for (const district of new Set(districts))
    bundle.routing.rules.push({
      ...template,
      divisionCode: district,
      route: { ...template.route, divisionCode: district, gatewayDistrict: district },
    });
  const version = bundle.catalogue.catalogueVersion;
  if ((await latestVersionNumber(pool)) !== version) {
    const outcome = await importCatalogueVersion(pool, bundle, 'bench');
    if (!outcome.ok) throw new Error(`bench catalogue refused: ${JSON.stringify(outcome.errors.slice(0, 3))}`);
  }
  return (district) => ({
    matterCode: MATTER,
    localityDivision: district,
    departmentId: DEPARTMENT,
    departmentName: template.route.departmentName,
    catalogueVersion: version,
  });
}
