import type { CameraSettings } from '@common/contract';
import { CHINA_OFFSET_MINUTES } from '@common/time';

// The pure decisions of document capture; media.ts does the browser I/O around them.

/** JPEG quality of a captured page: text stays sharp, a 1080p page is a few hundred KB. */
export const PHOTO_JPEG_QUALITY = 0.9;

/** The resolution asked of the camera: 1080p where it can, whatever it offers otherwise. */
export const IDEAL_RESOLUTION = { width: 1920, height: 1080 } as const;

/** Why the camera cannot be used; each has a Chinese message under `camera.problems`. */
export type CameraProblem =
  'unsupported' | 'no-camera' | 'camera-missing' | 'denied' | 'busy' | 'disconnected' | 'capture-failed' | 'failed';

/** A video input as `enumerateDevices()` lists it (only what the decisions need). */
export interface VideoDevice {
  deviceId: string;
  label: string;
}

/** The video inputs among the listed devices. */
export function videoInputs(devices: readonly Pick<MediaDeviceInfo, 'deviceId' | 'kind' | 'label'>[]): VideoDevice[] {
  return devices.filter((d) => d.kind === 'videoinput').map(({ deviceId, label }) => ({ deviceId, label }));
}

/** Which camera to open: the chosen one (by id, else by its name), the default when none was chosen. */
export function chooseCamera(
  cameras: readonly VideoDevice[],
  settings: CameraSettings,
): { ok: true; deviceId: string | null } | { ok: false; problem: CameraProblem } {
  if (cameras.length === 0) return { ok: false, problem: 'no-camera' };
  if (!settings.deviceId) return { ok: true, deviceId: null };
  if (cameras.some((c) => c.deviceId === settings.deviceId)) return { ok: true, deviceId: settings.deviceId };
  // The browser may give the same camera a new id (e.g. after its data was cleared): its name still matches.
  const byName = settings.label ? cameras.find((c) => c.label === settings.label) : undefined;
  return byName ? { ok: true, deviceId: byName.deviceId } : { ok: false, problem: 'camera-missing' };
}

/** The constraints for one camera (or the default): video only, 1080p ideal. */
export function cameraConstraints(deviceId: string | null): MediaStreamConstraints {
  const resolution = { width: { ideal: IDEAL_RESOLUTION.width }, height: { ideal: IDEAL_RESOLUTION.height } };
  return { audio: false, video: deviceId ? { deviceId: { exact: deviceId }, ...resolution } : resolution };
}

/** The problem behind a failed `getUserMedia`, by the DOMException's name (its message is not shown). */
export function problemOf(error: unknown, askedForDevice: boolean): CameraProblem {
  const name =
    error instanceof Error || (typeof error === 'object' && error !== null && 'name' in error)
      ? String((error as { name: unknown }).name)
      : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'denied';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return askedForDevice ? 'camera-missing' : 'no-camera';
    case 'NotReadableError':
    case 'AbortError':
      return 'busy';
    default:
      return 'failed';
  }
}

/** The size to draw a frame at: the video's own, scaled down to fit `max` (never up). */
export function frameSize(
  video: { width: number; height: number },
  max = { width: 4096, height: 4096 },
): { width: number; height: number } {
  if (video.width <= 0 || video.height <= 0) return { width: 0, height: 0 };
  const scale = Math.min(1, max.width / video.width, max.height / video.height);
  return { width: Math.round(video.width * scale), height: Math.round(video.height * scale) };
}

/** The file name of a photographed page: `拍照-20261130-101502.jpg`, in China time like the rest of the case. */
export function photoFileName(at: Date): string {
  const china = new Date(at.getTime() + CHINA_OFFSET_MINUTES * 60_000).toISOString();
  return `拍照-${china.slice(0, 10).replace(/-/g, '')}-${china.slice(11, 19).replace(/:/g, '')}.jpg`;
}
