import type { CameraSettings } from '@common/contract';
import {
  cameraConstraints,
  chooseCamera,
  frameSize,
  PHOTO_JPEG_QUALITY,
  problemOf,
  videoInputs,
  type CameraProblem,
  type VideoDevice,
} from './camera';

// The browser's camera I/O: listing devices, opening one, grabbing a frame. Decisions live in camera.ts.

/** An open camera, or why there is none. */
export type OpenedCamera = { ok: true; stream: MediaStream } | { ok: false; problem: CameraProblem };

// Absent outside a secure context (the app and the browser host on 127.0.0.1 are both secure).
function mediaDevices(): MediaDevices | null {
  const devices = navigator.mediaDevices as MediaDevices | undefined;
  return typeof devices?.getUserMedia === 'function' ? devices : null;
}

/** The cameras of this PC (names are empty until the camera was allowed once). */
export async function listCameras(): Promise<
  { ok: true; cameras: VideoDevice[] } | { ok: false; problem: CameraProblem }
> {
  const devices = mediaDevices();
  if (!devices) return { ok: false, problem: 'unsupported' };
  try {
    return { ok: true, cameras: videoInputs(await devices.enumerateDevices()) };
  } catch (error) {
    return { ok: false, problem: problemOf(error, false) };
  }
}

/** Opens the chosen camera (video only); the caller must `stopCamera` it. */
export async function openCamera(settings: CameraSettings): Promise<OpenedCamera> {
  const devices = mediaDevices();
  if (!devices) return { ok: false, problem: 'unsupported' };
  let listed = await listCameras();
  // Until the camera was allowed once, the browser hides the devices' ids: ask, then look again.
  if (listed.ok && settings.deviceId && listed.cameras.some((c) => !c.deviceId)) {
    const problem = await allowCameraAccess();
    if (problem) return { ok: false, problem };
    listed = await listCameras();
  }
  if (!listed.ok) return listed;
  const choice = chooseCamera(listed.cameras, settings);
  if (!choice.ok) return choice;
  try {
    return { ok: true, stream: await devices.getUserMedia(cameraConstraints(choice.deviceId)) };
  } catch (error) {
    return { ok: false, problem: problemOf(error, choice.deviceId !== null) };
  }
}

/** Asks for the camera once (so the browser names the devices), then releases it at once. */
export async function allowCameraAccess(): Promise<CameraProblem | null> {
  const devices = mediaDevices();
  if (!devices) return 'unsupported';
  try {
    stopCamera(await devices.getUserMedia({ audio: false, video: true }));
    return null;
  } catch (error) {
    return problemOf(error, false);
  }
}

/** Stops every track, so the camera (and its light) goes off. */
export function stopCamera(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

/** The video's current frame as a JPEG, at the camera's own resolution. */
export function captureFrame(video: HTMLVideoElement): Promise<Blob | null> {
  const size = frameSize({ width: video.videoWidth, height: video.videoHeight });
  if (!size.width) return Promise.resolve(null);
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const context = canvas.getContext('2d');
  if (!context) return Promise.resolve(null);
  context.drawImage(video, 0, 0, size.width, size.height);
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', PHOTO_JPEG_QUALITY));
}
