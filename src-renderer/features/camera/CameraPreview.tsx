import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/** The live picture of an open camera; `onReady` once frames arrive, `videoRef` to grab one. */
export function CameraPreview({
  stream,
  hidden,
  onReady,
  videoRef,
}: {
  stream: MediaStream;
  hidden?: boolean;
  onReady?: () => void;
  videoRef?: React.RefObject<HTMLVideoElement | null>;
}) {
  const { t } = useTranslation();
  const own = useRef<HTMLVideoElement>(null);
  const ref = videoRef ?? own;

  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    video.srcObject = stream;
    return () => {
      video.srcObject = null;
    };
  }, [ref, stream]);

  return (
    <video
      ref={ref}
      className="camera-preview"
      aria-label={t('camera.preview')}
      autoPlay
      muted
      playsInline
      hidden={hidden}
      onPlaying={onReady}
    />
  );
}
