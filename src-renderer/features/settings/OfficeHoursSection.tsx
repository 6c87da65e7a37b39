import { Alert, App, Button, Card, Form, Input, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  formatOfficePeriods,
  parseOfficePeriods,
  WEEKDAY_LABELS_ZH,
  type OfficeHours,
  type OfficePeriod,
} from '@common/hall-services';
import type { AppErrorData } from '@common/result';
import { call } from '../../api/call';
import { errorMessage, fieldErrors } from '../../i18n/errors';

type Fields = { days: string[] };

/** 办公时间 per weekday (错时/延时 appointments lie outside them), with its own save; main checks them again. */
export function OfficeHoursSection() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Fields>();
  const [hours, setHours] = useState<OfficeHours | null>(null);
  const [error, setError] = useState<AppErrorData | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    void call('settings:getOfficeHours', {}).then((r) => (r.ok ? setHours(r.value) : setError(r.error)));
  }, []);

  const submit = async ({ days }: Fields) => {
    const weekdays = days.map((text) => parseOfficePeriods(text ?? ''));
    if (weekdays.some((d) => d === null)) return;
    setSaving(true);
    const result = await call('settings:updateOfficeHours', { weekdays: weekdays as OfficePeriod[][] });
    setSaving(false);
    if (!result.ok) {
      // Schema paths are weekdays.N.…: the message goes under that day's field.
      const byDay = new Map<number, string[]>();
      for (const [path, messages] of fieldErrors(result.error)) {
        const day = Number(/^weekdays\.(\d)/.exec(path)?.[1]);
        if (Number.isInteger(day)) byDay.set(day, [...(byDay.get(day) ?? []), ...messages]);
      }
      if (byDay.size) form.setFields([...byDay].map(([day, errors]) => ({ name: ['days', day], errors })));
      else setError(result.error);
      return;
    }
    setHours(result.value);
    form.setFieldsValue({ days: result.value.weekdays.map(formatOfficePeriods) });
    setError(null);
    void message.success(t('hall.officeHours.saved'));
  };

  if (!hours && !error) return <Spin />;
  const weekdayName = (i: number) =>
    i18n.language.startsWith('zh')
      ? WEEKDAY_LABELS_ZH[i]
      : new Date(Date.UTC(2024, 0, 1 + i)).toLocaleDateString('en', { weekday: 'long', timeZone: 'UTC' });
  return (
    <Card title={t('hall.officeHours.title')} style={{ marginTop: 16 }}>
      <Typography.Paragraph type="secondary">{t('hall.officeHours.intro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 16 }} />}
      {hours && (
        <Form
          form={form}
          name="office-hours"
          layout="horizontal"
          labelCol={{ flex: '90px' }}
          initialValues={{ days: hours.weekdays.map(formatOfficePeriods) }}
          onFinish={(v) => void submit(v)}
        >
          {hours.weekdays.map((_, i) => (
            <Form.Item
              key={i}
              label={weekdayName(i)}
              name={['days', i]}
              rules={[
                {
                  validator: (_r, value: string | undefined) =>
                    parseOfficePeriods(value ?? '') === null
                      ? Promise.reject(new Error(t('hall.officeHours.invalid')))
                      : Promise.resolve(),
                },
              ]}
            >
              <Input placeholder={t('hall.officeHours.none')} style={{ maxWidth: 360 }} autoComplete="off" />
            </Form.Item>
          ))}
          <Button type="primary" htmlType="submit" loading={saving}>
            {t('hall.officeHours.save')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
