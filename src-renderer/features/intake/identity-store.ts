import { create } from 'zustand';
import type { Application } from '@tongban/protocol/cases/application';
import type { CommandInput } from '@common/contract';
import type {
  CardReadView,
  IdentityListView,
  OverrideView,
  ReaderStatus,
  TestCardSummary,
  VerificationView,
} from '@common/contract/identity';
import type { VerificationRole } from '@common/identity/verification';
import type { Result } from '@common/result';
import { api, call } from '../../api/call';
import { useAuthStore } from '../auth/store';

interface IdentityState {
  /** The verifications of the case in the wizard and what still blocks acceptance, for the application as last sent. */
  current: { key: string; caseId: string; list: IdentityListView } | null;
  /** The card reader's state, as last pushed or asked. */
  reader: ReaderStatus | null;
  /** Sample cards of the simulated reader (training), once asked. */
  testCards: TestCardSummary[];
  /** The latest chip read per case and role (kept in memory only; the main process holds the read under its readId). */
  reads: Record<string, Partial<Record<VerificationRole, CardReadView>>>;
  reading: boolean;
  refresh(app: Application): Promise<void>;
  verify(input: CommandInput<'identity:verify'>): Promise<Result<VerificationView>>;
  /** 人证比对: main compares the captured frame with the chip photo and records the attempt. */
  faceMatch(input: CommandInput<'identity:faceMatch'>): Promise<Result<VerificationView>>;
  override(input: CommandInput<'identity:override'>): Promise<Result<OverrideView>>;
  loadReader(): Promise<void>;
  /** Reads the card on the reader (or the read held under `readId`) for a role of a case. */
  readCard(caseId: string, role: VerificationRole, readId?: string): Promise<Result<CardReadView>>;
  placeCard(cardId: string): Promise<Result<ReaderStatus>>;
  removeCard(): Promise<Result<ReaderStatus>>;
}

/** 人证核验 of the case in the wizard and the card reader: the main process decides what acceptance still needs. */
export const useIdentityStore = create<IdentityState>()((set, get) => ({
  current: null,
  reader: null,
  testCards: [],
  reads: {},
  reading: false,

  async refresh(app) {
    const key = JSON.stringify(app);
    const result = await call('identity:list', { caseId: app.caseId, application: app });
    if (result.ok) set({ current: { key, caseId: app.caseId, list: result.value } });
  },

  async verify(input) {
    const result = await call('identity:verify', input);
    const current = get().current;
    if (current && current.caseId === input.caseId) await get().refresh(JSON.parse(current.key) as Application);
    return result;
  },

  async faceMatch(input) {
    const result = await call('identity:faceMatch', input);
    const current = get().current;
    if (current && current.caseId === input.caseId) await get().refresh(JSON.parse(current.key) as Application);
    return result;
  },

  async override(input) {
    const result = await call('identity:override', input);
    const current = get().current;
    if (current && current.caseId === input.caseId) await get().refresh(JSON.parse(current.key) as Application);
    return result;
  },

  async loadReader() {
    const status = await call('reader:status', {});
    if (status.ok) set({ reader: status.value });
    if (status.ok && status.value.driver === 'simulated' && get().testCards.length === 0) {
      const cards = await call('reader:testCards', {});
      if (cards.ok) set({ testCards: cards.value });
    }
  },

  async readCard(caseId, role, readId) {
    set({ reading: true });
    const result = await call('reader:read', readId ? { readId } : {});
    set({ reading: false });
    if (result.ok) set((s) => ({ reads: { ...s.reads, [caseId]: { ...s.reads[caseId], [role]: result.value } } }));
    return result;
  },

  async placeCard(cardId) {
    const result = await call('reader:placeSimulatedCard', { cardId });
    if (result.ok) set({ reader: result.value });
    return result;
  },

  async removeCard() {
    const result = await call('reader:removeSimulatedCard', {});
    if (result.ok) set({ reader: result.value });
    return result;
  },
}));

/** Follows the reader's `reader:status` pushes; returns the unsubscriber. */
export function followReaderStatus(): () => void {
  return api.on('reader:status', (status) => {
    useIdentityStore.setState({ reader: status });
    if (status.driver === 'simulated' && useIdentityStore.getState().testCards.length === 0)
      void useIdentityStore.getState().loadReader();
  });
}

useAuthStore.subscribe((state, previous) => {
  if (state.session?.user.id !== previous.session?.user.id)
    useIdentityStore.setState({ current: null, reads: {}, reader: null, testCards: [] });
});
