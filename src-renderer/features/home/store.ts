import { create } from 'zustand';
import { useAuthStore } from '../auth/store';

interface HomeState {
  workNote: string;
  setWorkNote(text: string): void;
}

/** The workbench's work in progress; it lives as long as the sign-in, so a screen lock keeps it. */
export const useHomeStore = create<HomeState>()((set) => ({
  workNote: '',
  setWorkNote: (workNote) => set({ workNote }),
}));

// Another person signing in at the same counter must not see the previous user's notes.
useAuthStore.subscribe((state, previous) => {
  if (state.session?.user.id !== previous.session?.user.id) useHomeStore.setState({ workNote: '' });
});
