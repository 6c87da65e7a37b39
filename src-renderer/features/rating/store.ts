import { create } from 'zustand';
import type { CommandInput } from '@common/contract';
import type { AppErrorData, Result } from '@common/result';
import type { RatingCaseSummary, RatingTicketView } from '@common/supervisor/views';
import { call } from '../../api/call';
import { pairCustomerScreen } from '../../api/customer-screen';

type Phase = 'loading' | 'ready' | 'invalid' | 'rated' | 'declined';

interface RatingScreenState {
  ticket: string;
  phase: Phase;
  summary: RatingCaseSummary | null;
  error: AppErrorData | null;
  poor: boolean;
  open(ticket: string): Promise<void>;
  submit(
    input: Omit<CommandInput<'ratings:submit'>, 'ticket'>,
  ): Promise<Result<{ ratingId: string; level: number; poor: boolean }>>;
  decline(): Promise<Result<null>>;
}

/** The customer-facing rating screen: one ticket, its case summary, then thanks. */
export const useRatingScreenStore = create<RatingScreenState>()((set, get) => ({
  ticket: '',
  phase: 'loading',
  summary: null,
  error: null,
  poor: false,

  async open(ticket) {
    set({ ticket, phase: 'loading', summary: null, error: null, poor: false });
    if (!ticket) return set({ phase: 'invalid' });
    const result = await call('ratings:ticket', { ticket });
    if (get().ticket !== ticket) return;
    set(result.ok ? { phase: 'ready', summary: result.value.summary } : { phase: 'invalid', error: result.error });
  },

  async submit(input) {
    const result = await call('ratings:submit', { ...input, ticket: get().ticket } as CommandInput<'ratings:submit'>);
    if (result.ok) set({ phase: 'rated', poor: result.value.poor });
    else if (result.error.code === 'conflict' || result.error.code === 'not-found')
      set({ phase: 'invalid', error: result.error });
    return result;
  },

  async decline() {
    const result = await call('ratings:decline', { ticket: get().ticket });
    if (result.ok) set({ phase: 'declined' });
    else if (result.error.code === 'conflict' || result.error.code === 'not-found')
      set({ phase: 'invalid', error: result.error });
    return result;
  },
}));

/** The clerk opens a one-time ticket for a case. */
export function openRatingTicket(caseId: string): Promise<Result<RatingTicketView>> {
  return call('ratings:open', { caseId });
}

/**
 * The address that pairs the customer screen and opens this rating there in one step (browser host):
 * the host's one-time pairing address with the rating route as its fragment, which survives the redirect.
 */
export async function customerScreenPairingUrl(ticket: string): Promise<{ url: string; expiresAt: string } | null> {
  const pairing = await pairCustomerScreen();
  return pairing && { ...pairing, url: `${pairing.url}#/rate?ticket=${encodeURIComponent(ticket)}` };
}
