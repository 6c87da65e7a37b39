import { create } from 'zustand';

const STORAGE_KEY = 'tongban.largeText';

/** 大字模式: larger type and controls for clerks who need them, remembered on this PC. */
interface DisplayState {
  largeText: boolean;
  setLargeText(on: boolean): void;
}

export const useDisplayStore = create<DisplayState>()((set) => ({
  largeText: localStorage.getItem(STORAGE_KEY) === '1',
  setLargeText(on) {
    localStorage.setItem(STORAGE_KEY, on ? '1' : '0');
    set({ largeText: on });
  },
}));
