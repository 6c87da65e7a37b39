import { App, Button, Card, Form, InputNumber, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FACE_THRESHOLD_RANGE, faceThreshold } from '@common/identity/settings';
import { call } from '../../api/call';
import { showFieldErrors } from '../../forms/server-errors';
import { errorMessage } from '../../i18n/errors';
import { useAuthStore } from '../auth/store';

const { min, max } = FACE_THRESHOLD_RANGE;
const fixed = (n: number) => n.toFixed(2);

/** 人证比对阈值 (administrators): within the safe range only; main checks the range and the role again. */
export function FaceThresholdSection() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const admin = useAuthStore((s) => s.session?.user.role === 'admin');
  const [form] = Form.useForm<{ threshold: number }>();
  const [current, setCurrent] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (admin) void call('identity:getSettings', {}).then((r) => r.ok && setCurrent(faceThreshold(r.value)));
  }, [admin]);

  if (!admin) return null;
  if (current === null) return <Spin />;

  const submit = async ({ threshold }: { threshold: number }) => {
    setSaving(true);
    const result = await call('identity:setFaceThreshold', { threshold });
    setSaving(false);
    if (result.ok) {
      setCurrent(faceThreshold(result.value));
      void message.success(t('identity.face.thresholdSaved', { value: fixed(threshold) }));
    } else if (!showFieldErrors(form, result.error)) void message.error(errorMessage(result.error));
  };

  return (
    <Card title={t('identity.face.thresholdSection')} style={{ marginTop: 24 }}>
      <Form
        form={form}
        name="faceThreshold"
        layout="inline"
        initialValues={{ threshold: current }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item label={t('identity.face.thresholdLabel', { min: fixed(min), max: fixed(max) })} name="threshold">
          {/* No min/max clamp here: a value outside the range reaches main, which refuses it with the reason. */}
          <InputNumber step={0.01} precision={2} style={{ width: 120 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving}>
          {t('identity.face.thresholdSave')}
        </Button>
      </Form>
      <p className="muted" style={{ marginTop: 12 }} data-testid="face-threshold-reason">
        {t('identity.face.thresholdReason', { default: fixed(FACE_THRESHOLD_RANGE.default) })}
      </p>
    </Card>
  );
}
