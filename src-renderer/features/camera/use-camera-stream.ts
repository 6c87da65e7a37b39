import { useEffect, useState } from 'react';
import type { CameraSettings } from '@common/contract';
import type { CameraProblem } from './camera';
import { openCamera, stopCamera } from './media';

interface CameraState {
  /** Which request this answers: an older answer is not shown for a newer request. */
  key: string;
  stream: MediaStream | null;
  problem: CameraProblem | null;
}

/** A live camera while the component is mounted (and `settings` is given); every track stops on unmount or change. */
export function useCameraStream(
  settings: CameraSettings | null,
  attempt = 0,
): { stream: MediaStream | null; problem: CameraProblem | null } {
  const [state, setState] = useState<CameraState>({ key: '', stream: null, problem: null });
  const deviceId = settings?.deviceId;
  const label = settings?.label;
  const key = settings ? JSON.stringify([deviceId, label, attempt]) : '';

  useEffect(() => {
    if (deviceId === undefined || label === undefined) return;
    let cancelled = false;
    let opened: MediaStream | null = null;
    void openCamera({ deviceId, label }).then((result) => {
      if (cancelled) {
        if (result.ok) stopCamera(result.stream);
        return;
      }
      if (!result.ok) return setState({ key, stream: null, problem: result.problem });
      opened = result.stream;
      // Unplugged (or taken away by the system): the track ends by itself.
      for (const track of result.stream.getVideoTracks()) {
        track.addEventListener('ended', () => {
          if (!cancelled) setState({ key, stream: null, problem: 'disconnected' });
        });
      }
      setState({ key, stream: result.stream, problem: null });
    });
    return () => {
      cancelled = true;
      stopCamera(opened);
    };
  }, [deviceId, label, key]);

  return state.key === key && key ? { stream: state.stream, problem: state.problem } : { stream: null, problem: null };
}
