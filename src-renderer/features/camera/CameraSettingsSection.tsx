import { Alert, App, Button, Card, Form, Select, Space } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CameraSettings } from '@common/contract';
import { showFieldErrors } from '../../forms/server-errors';
import { errorMessage } from '../../i18n/errors';
import { useAuthStore } from '../auth/store';
import type { CameraProblem, VideoDevice } from './camera';
import { CameraPreview } from './CameraPreview';
import { allowCameraAccess, listCameras } from './media';
import { useCameraStore } from './store';
import { useCameraStream } from './use-camera-stream';

/** The live picture of the camera being chosen, while 预览 is on. */
function SettingsPreview({ choice }: { choice: CameraSettings }) {
  const { t } = useTranslation();
  const { stream, problem } = useCameraStream(choice);
  if (problem)
    return (
      <Alert type="error" showIcon role="alert" title={t(`camera.problems.${problem}`)} style={{ marginTop: 12 }} />
    );
  return <div className="camera-stage camera-settings-preview">{stream && <CameraPreview stream={stream} />}</div>;
}

/** 拍照设备 (administrators): which camera of this PC the intake wizard photographs documents with. */
export function CameraSettingsSection() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const admin = useAuthStore((s) => s.session?.user.role === 'admin');
  const saved = useCameraStore((s) => s.settings);
  const loadError = useCameraStore((s) => s.loadError);
  const load = useCameraStore((s) => s.load);
  const save = useCameraStore((s) => s.save);
  const [form] = Form.useForm<{ deviceId: string }>();
  const [cameras, setCameras] = useState<VideoDevice[] | null>(null);
  const [listProblem, setListProblem] = useState<CameraProblem | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [saving, setSaving] = useState(false);
  const deviceId = Form.useWatch('deviceId', form) ?? saved?.deviceId ?? '';

  const showListed = useCallback(
    (listed: Awaited<ReturnType<typeof listCameras>>, denied: CameraProblem | null = null) => {
      setListProblem(denied ?? (listed.ok ? null : listed.problem));
      setCameras(listed.ok ? listed.cameras : []);
    },
    [],
  );

  /** 检测摄像头: asks for the camera once so the browser names the devices, then lists them again. */
  const detect = async () => {
    const denied = await allowCameraAccess();
    showListed(await listCameras(), denied);
  };

  useEffect(() => {
    if (!admin) return;
    void load();
    void listCameras().then((listed) => showListed(listed));
  }, [admin, load, showListed]);

  if (!admin) return null;
  // Like the other settings forms: a setting that cannot be read says so instead of leaving a gap.
  if (loadError && !saved) {
    return (
      <Card title={t('camera.settings.section')} style={{ marginTop: 24 }}>
        <Alert type="error" showIcon role="alert" title={errorMessage(loadError)} />
      </Card>
    );
  }
  if (!saved || !cameras) return null;

  const labelOf = (id: string) =>
    cameras.find((c) => c.deviceId === id)?.label ?? (id === saved.deviceId ? saved.label : '');
  // Until the camera was allowed once, the browser lists cameras without ids or names.
  const unnamed = cameras.some((c) => !c.label || !c.deviceId);
  const options = [
    { value: '', label: t('camera.settings.systemDefault') },
    ...cameras
      .filter((c) => c.deviceId)
      .map((c, i) => ({ value: c.deviceId, label: c.label || t('camera.settings.unnamed', { n: i + 1 }) })),
    ...(saved.deviceId && !cameras.some((c) => c.deviceId === saved.deviceId)
      ? [
          {
            value: saved.deviceId,
            label: t('camera.settings.notConnected', { name: saved.label || saved.deviceId.slice(0, 8) }),
          },
        ]
      : []),
  ];
  const choice: CameraSettings = { deviceId, label: labelOf(deviceId) };

  const submit = async () => {
    setSaving(true);
    const result = await save(choice);
    setSaving(false);
    if (result.ok) void message.success(t('camera.settings.saved'));
    else if (!showFieldErrors(form, result.error)) void message.error(errorMessage(result.error));
  };

  return (
    <Card title={t('camera.settings.section')} style={{ marginTop: 24 }}>
      <p className="muted">{t('camera.settings.intro')}</p>
      {listProblem && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t(`camera.problems.${listProblem}`)}
          style={{ marginBottom: 12 }}
        />
      )}
      {!listProblem && cameras.length === 0 && (
        <Alert type="warning" showIcon title={t('camera.problems.no-camera')} style={{ marginBottom: 12 }} />
      )}
      {!listProblem && unnamed && (
        <Alert type="info" showIcon title={t('camera.settings.namesHidden')} style={{ marginBottom: 12 }} />
      )}
      <Form
        form={form}
        name="cameraSettings"
        layout="vertical"
        initialValues={{ deviceId: saved.deviceId }}
        onFinish={() => void submit()}
      >
        <Form.Item
          label={t('camera.settings.device')}
          name="deviceId"
          extra={t('camera.settings.deviceHelp')}
          style={{ maxWidth: 480 }}
        >
          <Select options={options} />
        </Form.Item>
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={saving}>
            {t('camera.settings.save')}
          </Button>
          <Button onClick={() => void detect()}>{t('camera.settings.detect')}</Button>
          <Button aria-pressed={previewing} onClick={() => setPreviewing((on) => !on)}>
            {previewing ? t('camera.settings.stopPreview') : t('camera.settings.preview')}
          </Button>
        </Space>
      </Form>
      {previewing && <SettingsPreview choice={choice} />}
    </Card>
  );
}
