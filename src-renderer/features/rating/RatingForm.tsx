import { App, Button, Checkbox, Form, Input, Radio } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RATING_INDICATORS, RATING_LEVELS, type RatingIndicator } from '@tongban/protocol/supervisor/ratings';
import { errorMessage, fieldErrors } from '../../i18n/errors';
import { useRatingScreenStore } from './store';

interface Values {
  level?: 5 | 4 | 3 | 2 | 1;
  indicators: RatingIndicator[];
  comment: string;
  realName: boolean;
  contactName?: string;
  contactPhone?: string;
}

/** The five levels as big buttons, the offline indicators, a comment, 实名/匿名, 提交 and 不评价. */
export function RatingForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const submit = useRatingScreenStore((s) => s.submit);
  const decline = useRatingScreenStore((s) => s.decline);
  const realName = Form.useWatch('realName', form) ?? false;
  const [busy, setBusy] = useState<'submit' | 'decline' | null>(null);

  const send = async (v: Values) => {
    setBusy('submit');
    const contact = v.realName ? { name: v.contactName?.trim() ?? '', phone: v.contactPhone?.trim() ?? '' } : null;
    const result = await submit({
      level: v.level as 5,
      indicators: v.indicators,
      comment: v.comment ?? '',
      realName: v.realName,
      contact,
    });
    setBusy(null);
    if (result.ok) return;
    const byPath = fieldErrors(result.error);
    const phone = byPath.get('contact.phone');
    if (phone) form.setFields([{ name: 'contactPhone', errors: phone }]);
    else void message.error(`${t('supervisor.screen.failed')}：${errorMessage(result.error)}`);
  };

  const skip = async () => {
    setBusy('decline');
    const result = await decline();
    setBusy(null);
    if (!result.ok) void message.error(`${t('supervisor.screen.failed')}：${errorMessage(result.error)}`);
  };

  return (
    <Form<Values>
      form={form}
      name="rating"
      layout="vertical"
      size="large"
      initialValues={{ indicators: [], comment: '', realName: false }}
      onFinish={(v) => void send(v)}
      requiredMark={false}
    >
      <Form.Item
        label={t('supervisor.screen.level')}
        name="level"
        rules={[{ required: true, message: t('supervisor.screen.chooseLevel') }]}
      >
        <Radio.Group
          className="rate-levels"
          optionType="button"
          buttonStyle="solid"
          options={RATING_LEVELS.map((l) => ({
            value: l,
            label: t(`supervisor.levels.l${l}`),
            className: `rate-level rate-level-${l}`,
          }))}
        />
      </Form.Item>
      <Form.Item label={t('supervisor.screen.indicators')} name="indicators">
        <Checkbox.Group
          className="rate-indicators"
          options={RATING_INDICATORS.map((i) => ({ value: i, label: t(`supervisor.indicators.${i}`) }))}
        />
      </Form.Item>
      <Form.Item label={t('supervisor.screen.comment')} name="comment">
        <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('supervisor.screen.commentPlaceholder')} />
      </Form.Item>
      <Form.Item label={t('supervisor.screen.identity')} name="realName" extra={t('supervisor.screen.realNameHelp')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: false, label: t('supervisor.screen.anonymous') },
            { value: true, label: t('supervisor.screen.realName') },
          ]}
        />
      </Form.Item>
      {realName && (
        <div className="rate-contact">
          <Form.Item
            label={t('supervisor.screen.contactName')}
            name="contactName"
            rules={[{ required: true, whitespace: true, message: t('fields.required') }]}
          >
            <Input maxLength={50} autoComplete="off" />
          </Form.Item>
          <Form.Item
            label={t('supervisor.screen.contactPhone')}
            name="contactPhone"
            rules={[{ required: true, whitespace: true, message: t('fields.required') }]}
          >
            <Input maxLength={24} inputMode="tel" autoComplete="off" />
          </Form.Item>
        </div>
      )}
      <div className="rate-actions">
        <Button type="primary" htmlType="submit" size="large" loading={busy === 'submit'} disabled={busy === 'decline'}>
          {t('supervisor.screen.submit')}
        </Button>
        <Button size="large" loading={busy === 'decline'} disabled={busy === 'submit'} onClick={() => void skip()}>
          {t('supervisor.screen.decline')}
        </Button>
      </div>
    </Form>
  );
}
