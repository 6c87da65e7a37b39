import type { Role } from '@common/roles';

/** The pages of the main layout and who may open them (the main process checks the same roles per command). */
export const PAGES = [
  { key: 'home', roles: 'any' },
  { key: 'intake', roles: ['clerk', 'helper', 'supervisor'] },
  { key: 'cases', roles: ['clerk', 'helper', 'supervisor', 'admin'] },
  { key: 'guide', roles: 'any' },
  { key: 'users', roles: ['admin'] },
  { key: 'settings', roles: ['admin'] },
  { key: 'audit', roles: ['supervisor', 'admin'] },
  { key: 'ledger', roles: ['supervisor', 'admin'] },
  { key: 'followups', roles: ['supervisor', 'admin'] },
  { key: 'dashboard', roles: ['supervisor', 'admin'] },
] as const satisfies readonly { key: string; roles: 'any' | readonly Role[] }[];

export type PageKey = (typeof PAGES)[number]['key'];

/** The pages a role may open, in menu order. */
export function pagesFor(role: Role): PageKey[] {
  return PAGES.filter((p) => p.roles === 'any' || (p.roles as readonly Role[]).includes(role)).map((p) => p.key);
}
