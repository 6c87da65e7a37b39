import { create } from 'zustand';
import { useAuthStore } from '../auth/store';

const LEGACY_KEY = 'tongban.largeText';
const keyOf = (userId: number) => `tongban.largeText.${userId}`;

/** 大字模式: larger type and controls for clerks who need them, remembered per user (on this PC). */
interface DisplayState {
  largeText: boolean;
  setLargeText(on: boolean): void;
}

/** Applies the mode app-wide: antd's tokens follow the store, the app's own styles the `large-text` class (CSS variables). */
function apply(on: boolean): void {
  document.documentElement.classList.toggle('large-text', on);
}

function savedFor(userId: number | undefined): boolean {
  if (!userId) return localStorage.getItem(LEGACY_KEY) === '1';
  const saved = localStorage.getItem(keyOf(userId));
  return saved === null ? localStorage.getItem(LEGACY_KEY) === '1' : saved === '1';
}

export const useDisplayStore = create<DisplayState>()((set) => ({
  largeText: false,
  setLargeText(on) {
    const userId = useAuthStore.getState().session?.user.id;
    localStorage.setItem(userId ? keyOf(userId) : LEGACY_KEY, on ? '1' : '0');
    apply(on);
    set({ largeText: on });
  },
}));

// Each person's choice follows them: signing in applies theirs, signing out returns to the PC's default.
const follow = (userId: number | undefined) => {
  const on = savedFor(userId);
  apply(on);
  useDisplayStore.setState({ largeText: on });
};
follow(useAuthStore.getState().session?.user.id);
useAuthStore.subscribe((state, previous) => {
  if (state.session?.user.id !== previous.session?.user.id) follow(state.session?.user.id);
});
