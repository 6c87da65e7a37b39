import { create } from 'zustand';
import type { CameraSettings } from '@common/contract';
import type { AppErrorData, Result } from '@common/result';
import { call } from '../../api/call';

interface CameraState {
  settings: CameraSettings | null;
  loadError: AppErrorData | null;
  load(): Promise<CameraSettings | null>;
  save(settings: CameraSettings): Promise<Result<CameraSettings>>;
}

/** The document camera chosen for this window (系统设置 → 拍照设备). */
export const useCameraStore = create<CameraState>()((set) => ({
  settings: null,
  loadError: null,

  async load() {
    const result = await call('settings:getCamera', {});
    set(result.ok ? { settings: result.value, loadError: null } : { loadError: result.error });
    return result.ok ? result.value : null;
  },

  async save(settings) {
    const result = await call('settings:updateCamera', settings);
    if (result.ok) set({ settings: result.value });
    return result;
  },
}));
