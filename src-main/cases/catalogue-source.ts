import type { ResolvedRoute } from '@tongban/protocol/catalogue/routing';
import type { Matter, Situation } from '@tongban/protocol/catalogue/schema';

/** What intake needs from the loaded catalogue, routing and division data. */
export interface CatalogueSource {
  version(): string;
  findMatter(code: string): Matter | undefined;
  route(matterCode: string, divisionCode: string): ResolvedRoute | null;
  divisionName(code: string): string | null;
  countyExists(code: string): boolean;
}

/** Finds a matter and one of its situations. */
export function findSituation(
  source: CatalogueSource,
  matterCode: string,
  situationCode: string,
): { matter: Matter; situation: Situation } | null {
  const matter = source.findMatter(matterCode);
  const situation = matter?.situations.find((s) => s.code === situationCode);
  return matter && situation ? { matter, situation } : null;
}
