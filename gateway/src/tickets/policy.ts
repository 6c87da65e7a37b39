// The 问题处理 settings: each category's response deadline in working days (TONGBAN_GW_TICKET_DUE_DAYS, e.g.
// "material-question=3,originals-missing=2") and how many working days after a case's receipt the mailed
// originals must be confirmed before a 原件未到 ticket opens by itself (TONGBAN_GW_ORIGINALS_DAYS).
import { TICKET_CATEGORIES, type TicketCategory } from '@tongban/protocol/sync/tickets';

/** The tickets' deadlines. */
export interface TicketPolicy {
  dueDays: Record<TicketCategory, number>;
  originalsDays: number;
}

/** Defaults: three working days to answer, five for a 申请人诉求 (it may need the applicant), five for the parcel. */
export const DEFAULT_TICKET_POLICY: TicketPolicy = {
  dueDays: { 'material-question': 3, 'originals-missing': 3, 'applicant-request': 5, system: 2, other: 5 },
  originalsDays: 5,
};

/** Parses `category=days,…` over the defaults; `fail` makes the error thrown for a bad entry. */
export function ticketPolicyOf(
  text: string | undefined,
  originalsDays: number,
  fail: (message: string) => Error,
): TicketPolicy {
  const dueDays = { ...DEFAULT_TICKET_POLICY.dueDays };
  for (const part of (text ?? '').split(',').filter((p) => p.trim() !== '')) {
    const [key, value, extra] = part.split('=').map((s) => s.trim());
    if (!TICKET_CATEGORIES.includes(key as TicketCategory) || extra !== undefined)
      throw fail(`unknown category "${key}" (one of ${TICKET_CATEGORIES.join(', ')})`);
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > 60) throw fail(`${key} must be 1…60 working days, got "${value}"`);
    dueDays[key as TicketCategory] = n;
  }
  return { dueDays, originalsDays };
}
