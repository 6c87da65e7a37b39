import { create } from 'zustand';
import type { CommandInput } from '@common/contract';
import type { AppointmentApplicant, AppointmentView } from '@common/hall-services';
import type { AppErrorData, Result } from '@common/result';
import { call } from '../../api/call';
import { findMatter, useCatalogueStore } from '../intake/catalogue-store';
import { useIntakeStore } from '../intake/wizard-store';
import { useNavStore } from '../shell/nav-store';

interface AppointmentsState {
  date: string | null;
  items: AppointmentView[];
  error: AppErrorData | null;
  /** The appointment whose case is being filled in; linked when the case is decided. */
  serving: AppointmentApplicant | null;
  load(date: string): Promise<void>;
  book(input: CommandInput<'appointments:book'>): Promise<Result<AppointmentView>>;
  cancel(appointmentId: string): Promise<void>;
  /** Opens the case from the appointment: a new draft with its matter, name and phone. */
  serve(appointmentId: string): Promise<void>;
}

/** 错时/延时 appointments of the 工作台. */
export const useAppointmentsStore = create<AppointmentsState>()((set, get) => ({
  date: null,
  items: [],
  error: null,
  serving: null,
  async load(date) {
    set({ date });
    const result = await call('appointments:day', { date });
    if (get().date === date) set(result.ok ? { items: result.value, error: null } : { error: result.error });
  },
  async book(input) {
    const result = await call('appointments:book', input);
    const date = get().date;
    if (result.ok && date) await get().load(date);
    return result;
  },
  async cancel(appointmentId) {
    const result = await call('appointments:cancel', { appointmentId });
    set({ error: result.ok ? null : result.error });
    const date = get().date;
    if (date) await get().load(date);
  },
  async serve(appointmentId) {
    const opened = await call('appointments:open', { appointmentId });
    if (!opened.ok) return set({ error: opened.error });
    set({ serving: opened.value, error: null });
    const intake = useIntakeStore.getState();
    await intake.startNew();
    useNavStore.getState().open('intake');
    await useCatalogueStore.getState().load();
    const matter = findMatter(useCatalogueStore.getState().catalogue, opened.value.matterCode);
    if (matter) await useIntakeStore.getState().pickMatter(matter);
    const { data } = useIntakeStore.getState().wizard;
    useIntakeStore.getState().update({
      applicant: { ...data.applicant, name: opened.value.applicantName, phone: opened.value.applicantPhone },
    });
  },
}));

// The case filed for the appointment being served is linked to it (counted as 错时/延时 in the ledger).
useIntakeStore.subscribe((state, previous) => {
  const serving = useAppointmentsStore.getState().serving;
  if (!serving || !state.result || state.result === previous.result) return;
  useAppointmentsStore.setState({ serving: null });
  void call('appointments:link', { appointmentId: serving.appointmentId, caseId: state.result.decision.caseId }).then(
    (r) => {
      if (!r.ok) useAppointmentsStore.setState({ error: r.error });
    },
  );
});
