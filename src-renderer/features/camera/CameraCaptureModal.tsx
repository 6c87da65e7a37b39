import { Alert, Button, Modal, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CameraSettings } from '@common/contract';
import { photoFileName, type CameraProblem } from './camera';
import { CameraPreview } from './CameraPreview';
import { captureFrame } from './media';
import { useCameraStore } from './store';
import { useCameraStream } from './use-camera-stream';

/** A captured frame and its preview address (revoked when it is replaced or the modal closes). */
interface Shot {
  blob: Blob;
  url: string;
}

/**
 * 拍照: a live preview of the window's camera; 拍摄 takes a frame, 重拍 / 使用此照片 decide.
 * `onUse` sends the photo exactly as an uploaded file and answers an error message, or null once it is saved.
 * Mounted only while open: the camera goes off when it closes.
 */
export function CameraCaptureModal({
  materialName,
  onUse,
  onClose,
}: {
  materialName: string;
  onUse: (file: File) => Promise<string | null>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [settings, setSettings] = useState<CameraSettings | null>(null);
  const [settingsFailed, setSettingsFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const { stream, problem: streamProblem } = useCameraStream(settings, attempt);
  const [ready, setReady] = useState(false);
  const [shot, setShot] = useState<Shot | null>(null);
  const [captureProblem, setCaptureProblem] = useState<CameraProblem | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const video = useRef<HTMLVideoElement>(null);

  // The administrator may have changed the camera since this session started: read it on every opening.
  useEffect(() => {
    void useCameraStore
      .getState()
      .load()
      .then((loaded) => (loaded ? setSettings(loaded) : setSettingsFailed(true)));
  }, []);

  useEffect(() => () => (shot ? URL.revokeObjectURL(shot.url) : undefined), [shot]);

  const problem: CameraProblem | null = settingsFailed ? 'failed' : (streamProblem ?? captureProblem);

  const take = async () => {
    setCaptureProblem(null);
    const blob = video.current ? await captureFrame(video.current) : null;
    if (!blob) return setCaptureProblem('capture-failed');
    setSaveError(null);
    setShot({ blob, url: URL.createObjectURL(blob) });
  };

  const use = async () => {
    if (!shot) return;
    setSaving(true);
    const error = await onUse(new File([shot.blob], photoFileName(new Date()), { type: 'image/jpeg' }));
    setSaving(false);
    if (error) setSaveError(error);
    else onClose();
  };

  const retry = () => {
    setReady(false);
    setCaptureProblem(null);
    setAttempt((n) => n + 1);
  };

  const footer = shot
    ? [
        <Button key="retake" disabled={saving} onClick={() => setShot(null)}>
          {t('camera.retake')}
        </Button>,
        <Button key="use" type="primary" loading={saving} onClick={() => void use()}>
          {t('camera.use')}
        </Button>,
      ]
    : problem
      ? [
          <Button key="cancel" onClick={onClose}>
            {t('camera.cancel')}
          </Button>,
          <Button key="retry" type="primary" onClick={retry}>
            {t('camera.retry')}
          </Button>,
        ]
      : [
          <Button key="cancel" onClick={onClose}>
            {t('camera.cancel')}
          </Button>,
          <Button key="take" type="primary" disabled={!stream || !ready} onClick={() => void take()}>
            {t('camera.take')}
          </Button>,
        ];

  return (
    <Modal
      open
      title={t('camera.title', { material: materialName })}
      width={760}
      maskClosable={false}
      onCancel={saving ? undefined : onClose}
      footer={footer}
      destroyOnHidden
    >
      {problem && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t(`camera.problems.${problem}`)}
          description={shot ? t('camera.shotKept') : t('camera.nothingSaved')}
          style={{ marginBottom: 12 }}
        />
      )}
      {saveError && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t('camera.saveFailed')}
          description={saveError}
          style={{ marginBottom: 12 }}
        />
      )}
      {(stream || shot || !problem) && (
        <>
          <div className="camera-stage">
            {stream && (
              <CameraPreview stream={stream} videoRef={video} hidden={shot !== null} onReady={() => setReady(true)} />
            )}
            {shot && <img className="camera-shot" src={shot.url} alt={t('camera.shotAlt')} />}
            {!stream && !shot && <Spin tip={t('camera.opening')}>{<div className="camera-placeholder" />}</Spin>}
          </div>
          <p className="muted">{shot ? t('camera.shotHint') : t('camera.hint')}</p>
        </>
      )}
    </Modal>
  );
}
