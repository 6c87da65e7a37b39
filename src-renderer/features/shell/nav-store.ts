import { create } from 'zustand';
import { useAuthStore } from '../auth/store';
import type { PageKey } from './pages';

interface NavState {
  page: PageKey;
  open(page: PageKey): void;
}

/** Which page of the main layout is shown. */
export const useNavStore = create<NavState>()((set) => ({
  page: 'home',
  open: (page) => set({ page }),
}));

// Every sign-in starts on the workbench.
useAuthStore.subscribe((state, previous) => {
  if (state.session?.user.id !== previous.session?.user.id) useNavStore.setState({ page: 'home' });
});
