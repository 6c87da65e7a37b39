import { Alert, App, Button, Descriptions, Drawer, Form, Input, Radio, Spin, Steps, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FOLLOW_UP_STEPS, VERIFY_FINDINGS, type FollowUpStep } from '@tongban/protocol/supervisor/ratings';
import type { FollowUpDetail } from '@common/supervisor/views';
import { formatDateTime } from '../../i18n/datetime';
import { errorMessage, fieldErrors } from '../../i18n/errors';
import { levelLabel, LEVEL_COLORS } from './format';
import { useFollowUpsStore } from './followups-store';

/** One follow-up: the rating, the rater's contact, the four steps and the form for the next one. */
export function FollowUpDrawer() {
  const { t } = useTranslation();
  const detailId = useFollowUpsStore((s) => s.detailId);
  const detail = useFollowUpsStore((s) => s.detail);
  const error = useFollowUpsStore((s) => s.detailError);
  const close = useFollowUpsStore((s) => s.closeDetail);
  return (
    <Drawer
      open={detailId !== null}
      onClose={close}
      size={620}
      title={t('supervisor.followups.detail')}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={t('supervisor.loadFailed')} description={errorMessage(error)} />}
      {!detail && !error && <Spin />}
      {detail && <FollowUpBody detail={detail} />}
    </Drawer>
  );
}

function FollowUpBody({ detail }: { detail: FollowUpDetail }) {
  const { t } = useTranslation();
  const current = detail.nextStep ? FOLLOW_UP_STEPS.indexOf(detail.nextStep) : FOLLOW_UP_STEPS.length;
  return (
    <>
      <Descriptions column={1} size="small" bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('supervisor.followups.cols.documentNo')}>
          {detail.documentNo ?? t('supervisor.none')}
        </Descriptions.Item>
        <Descriptions.Item label={t('supervisor.followups.cols.level')}>
          <Tag color={LEVEL_COLORS[detail.level]}>{levelLabel(detail.level)}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('supervisor.followups.cols.comment')}>
          {detail.comment || t('supervisor.none')}
        </Descriptions.Item>
        <Descriptions.Item label={t('supervisor.followups.cols.clerk')}>{detail.clerkName}</Descriptions.Item>
        <Descriptions.Item label={t('supervisor.followups.cols.due')}>
          {detail.dueDate}
          {detail.overdue && detail.state === 'open' && (
            <Tag color="red" style={{ marginInlineStart: 8 }}>
              {t('supervisor.followups.overdue')}
            </Tag>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('supervisor.followups.contact')}>
          {detail.contact ? `${detail.contact.name} ${detail.contact.phone}` : t('supervisor.followups.noContact')}
        </Descriptions.Item>
      </Descriptions>
      <Steps
        current={current}
        size="small"
        style={{ marginBottom: 16 }}
        items={FOLLOW_UP_STEPS.map((step) => {
          const done = detail.steps.find((s) => s.step === step);
          return {
            title: t(`supervisor.steps.${step}`),
            content: done
              ? t('supervisor.followups.stepBy', { name: done.byName, time: formatDateTime(done.at).slice(5, 16) })
              : undefined,
          };
        })}
      />
      {detail.steps.map((s) => (
        <Typography.Paragraph key={s.stepId}>
          <strong>{t(`supervisor.steps.${s.step}`)}</strong>：{s.note}
          {s.contacted !== null && `（${t(s.contacted ? 'supervisor.followups.yes' : 'supervisor.followups.no')}）`}
          {s.finding && `（${t(`supervisor.findings.${s.finding}`)}）`}
        </Typography.Paragraph>
      ))}
      {detail.nextStep ? (
        <StepForm key={detail.nextStep} followUpId={detail.followUpId} step={detail.nextStep} />
      ) : (
        <Alert type="success" showIcon title={t('supervisor.followups.allDone')} />
      )}
    </>
  );
}

function StepForm({ followUpId, step }: { followUpId: string; step: FollowUpStep }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note: string; contacted?: boolean; finding?: (typeof VERIFY_FINDINGS)[number] }>();
  const record = useFollowUpsStore((s) => s.record);
  const [saving, setSaving] = useState(false);
  const stepName = t(`supervisor.steps.${step}`);
  const submit = async (v: { note: string; contacted?: boolean; finding?: (typeof VERIFY_FINDINGS)[number] }) => {
    setSaving(true);
    const result = await record({
      followUpId,
      step,
      note: v.note,
      ...(step === 'callback' ? { contacted: v.contacted } : {}),
      ...(step === 'verify' ? { finding: v.finding } : {}),
    });
    setSaving(false);
    if (result.ok) return void message.success(t('supervisor.followups.saved', { step: stepName }));
    const byPath = fieldErrors(result.error);
    if (byPath.size) form.setFields([...byPath].map(([name, errors]) => ({ name: name as 'note', errors })));
    else void message.error(errorMessage(result.error));
  };
  return (
    <Form form={form} name="followUpStep" layout="vertical" onFinish={(v) => void submit(v)}>
      <Typography.Title level={5}>{t('supervisor.followups.record', { step: stepName })}</Typography.Title>
      {step === 'callback' && (
        <Form.Item
          label={t('supervisor.followups.contacted')}
          name="contacted"
          rules={[{ required: true, message: t('fields.required') }]}
        >
          <Radio.Group
            options={[
              { value: true, label: t('supervisor.followups.yes') },
              { value: false, label: t('supervisor.followups.no') },
            ]}
          />
        </Form.Item>
      )}
      {step === 'verify' && (
        <Form.Item
          label={t('supervisor.followups.finding')}
          name="finding"
          rules={[{ required: true, message: t('fields.required') }]}
        >
          <Radio.Group options={VERIFY_FINDINGS.map((f) => ({ value: f, label: t(`supervisor.findings.${f}`) }))} />
        </Form.Item>
      )}
      <Form.Item
        label={t('supervisor.followups.note')}
        name="note"
        rules={[{ required: true, whitespace: true, min: 2, message: t('fields.required') }]}
      >
        <Input.TextArea rows={3} maxLength={1000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={saving}>
        {t('supervisor.followups.save')}
      </Button>
    </Form>
  );
}
