import { create } from 'zustand';
import type { MatterGuide } from '@common/guide';
import type { AppErrorData } from '@common/result';
import { call } from '../../api/call';
import { saveDownload } from '../supervisor/download';
import { useNavStore } from '../shell/nav-store';

interface GuideState {
  matterCode: string | null;
  guide: MatterGuide | null;
  error: AppErrorData | null;
  printing: boolean;
  show(matterCode: string): Promise<void>;
  /** Opens the guide page on a matter (from the wizard). */
  openFor(matterCode: string): void;
  print(): Promise<void>;
}

/** The 操作指南 shown, built by the main process from the catalogue. */
export const useGuideStore = create<GuideState>()((set, get) => ({
  matterCode: null,
  guide: null,
  error: null,
  printing: false,
  async show(matterCode) {
    set({ matterCode, error: null });
    const result = await call('guide:get', { matterCode });
    if (get().matterCode !== matterCode) return;
    set(result.ok ? { guide: result.value } : { guide: null, error: result.error });
  },
  openFor(matterCode) {
    void get().show(matterCode);
    useNavStore.getState().open('guide');
  },
  async print() {
    const { matterCode, guide } = get();
    if (!matterCode || !guide) return;
    set({ printing: true });
    const result = await call('guide:pdf', { matterCode });
    set({ printing: false, error: result.ok ? null : result.error });
    if (result.ok)
      saveDownload({
        fileName: `${guide.matterName}-操作指南.pdf`,
        mediaType: 'application/pdf',
        size: Math.floor((result.value.pdfBase64.length * 3) / 4),
        dataBase64: result.value.pdfBase64,
      });
  },
}));
