import { Alert, Button, Col, Form, Input, InputNumber, Modal, Radio, Row, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '@common/cases/case-types';
import {
  WAYBILL_CONTENTS,
  WAYBILL_DIRECTIONS,
  WAYBILL_PAYMENTS,
  type WaybillContents,
  type WaybillDirection,
  type WaybillPayment,
  type WaybillPoolStatus,
  type WaybillView,
} from '@common/printing/waybill';
import { validateEmsNumber } from '@tongban/protocol/validators/ems';
import { errorMessage, fieldMessage } from '../../i18n/errors';
import { showFieldErrors } from '../../forms/server-errors';
import { requiredRule } from '../../forms/rules';
import { usePrintingStore } from './store';

interface WaybillFields {
  direction: WaybillDirection;
  recipientName?: string;
  recipientPhone?: string;
  recipientAddress?: string;
  organization?: string;
  contents: WaybillContents;
  pieces: number;
  weightGrams: number;
  payment: WaybillPayment;
  source: 'pool' | 'manual';
  manualNumber?: string;
}

/** The pool's count and, when it runs low, the warning. */
export function PoolNote({ pool }: { pool: WaybillPoolStatus | null }) {
  const { t } = useTranslation();
  if (!pool) return null;
  if (pool.available === 0) return <Alert type="error" showIcon title={t('printing.waybills.poolEmpty')} />;
  if (pool.low)
    return (
      <Alert
        type="warning"
        showIcon
        title={t('printing.waybills.poolLow', { count: pool.available, watermark: pool.lowWatermark })}
      />
    );
  return <Typography.Text type="secondary">{t('printing.waybills.pool', { count: pool.available })}</Typography.Text>;
}

/** 登记运单: direction, recipient, contents, weight, payment and where the number comes from. */
export function AssignDialog({
  detail,
  pool,
  onClose,
  onAssigned,
}: {
  detail: CaseDetail;
  pool: WaybillPoolStatus | null;
  onClose(): void;
  onAssigned(w: WaybillView, pool: WaybillPoolStatus): void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<WaybillFields>();
  const assign = usePrintingStore((s) => s.assign);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const direction = Form.useWatch('direction', form);
  const source = Form.useWatch('source', form);
  const department = detail.departmentName ?? '';
  const localityPrefill = {
    recipientName: department,
    organization: department,
    recipientAddress: detail.localityName ?? '',
  };

  const onDirection = (d: WaybillDirection) => {
    if (d === 'materials-to-locality') form.setFieldsValue({ ...localityPrefill, contents: 'official-documents' });
    else
      form.setFieldsValue({
        recipientName: '',
        organization: '',
        recipientAddress: '',
        recipientPhone: '',
        contents: 'certificates',
      });
  };

  const submit = async (v: WaybillFields) => {
    setBusy(true);
    setProblem(null);
    const anyRecipient = v.recipientName || v.recipientPhone || v.recipientAddress;
    const recipient =
      v.direction === 'materials-to-locality' || anyRecipient
        ? {
            name: v.recipientName ?? '',
            phone: v.recipientPhone ?? '',
            address: v.recipientAddress ?? '',
            ...(v.organization ? { organization: v.organization } : {}),
          }
        : undefined;
    const result = await assign({
      caseId: detail.caseId,
      direction: v.direction,
      ...(recipient ? { recipient } : {}),
      contents: v.contents,
      pieces: v.pieces,
      weightGrams: v.weightGrams,
      payment: v.payment,
      ...(v.source === 'manual' && v.manualNumber ? { manualNumber: v.manualNumber } : {}),
    });
    setBusy(false);
    if (result.ok) return onAssigned(result.value.waybill, result.value.pool);
    const mapped = showFieldErrors(form, result.error, {
      'recipient.phone': ['recipientPhone'],
      'recipient.address': ['recipientAddress'],
      'recipient.name': ['recipientName'],
      recipient: ['recipientName'],
    });
    const fieldCodes = Array.isArray(result.error.details?.fields)
      ? (result.error.details.fields as { code: string }[]).map((f) => f.code)
      : [];
    if (!mapped)
      setProblem(
        fieldCodes[0] && fieldCodes[0] !== 'required' ? fieldMessage(fieldCodes[0]) : errorMessage(result.error),
      );
  };

  const emsRule = {
    validator: async (_r: unknown, value: unknown) => {
      if (!value) throw new Error(fieldMessage('required'));
      const checked = validateEmsNumber(String(value));
      if (!checked.ok) throw new Error(fieldMessage(checked.errors[0]?.code ?? 'ems-format'));
    },
  };
  const locality = direction === 'materials-to-locality';

  return (
    <Modal open title={t('printing.waybills.assignTitle')} width={760} onCancel={onClose} footer={null} destroyOnHidden>
      <Form<WaybillFields>
        form={form}
        name="waybill"
        layout="vertical"
        initialValues={{
          direction: 'materials-to-locality',
          ...localityPrefill,
          contents: 'official-documents',
          pieces: 1,
          weightGrams: 200,
          payment: 'government-paid',
          source: pool && pool.available > 0 ? 'pool' : 'manual',
        }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item label={t('printing.waybills.direction')} name="direction">
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            onChange={(e) => onDirection(e.target.value as WaybillDirection)}
            options={WAYBILL_DIRECTIONS.map((d) => ({ value: d, label: t(`printing.waybills.directions.${d}`) }))}
          />
        </Form.Item>
        {!locality && (
          <Typography.Paragraph type="secondary">{t('printing.waybills.resultDefault')}</Typography.Paragraph>
        )}
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              label={t('printing.waybills.recipientName')}
              name="recipientName"
              rules={locality ? [requiredRule()] : []}
            >
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              label={t('printing.waybills.recipientPhone')}
              name="recipientPhone"
              rules={locality ? [requiredRule()] : []}
            >
              <Input maxLength={24} inputMode="tel" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              label={t('printing.waybills.recipientAddress')}
              name="recipientAddress"
              rules={locality ? [requiredRule()] : []}
            >
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          {locality && (
            <Col span={24}>
              <Form.Item label={t('printing.waybills.organization')} name="organization">
                <Input maxLength={60} />
              </Form.Item>
            </Col>
          )}
          <Col span={8}>
            <Form.Item label={t('printing.waybills.contents')} name="contents">
              <Select
                options={WAYBILL_CONTENTS.map((c) => ({
                  value: c,
                  label: t(`printing.waybills.contentsOptions.${c}`),
                }))}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              label={t('printing.waybills.pieces')}
              name="pieces"
              rules={[
                {
                  required: true,
                  type: 'integer',
                  min: 1,
                  max: 99,
                  message: t('fields.number-range', { min: 1, max: 99 }),
                },
              ]}
            >
              <InputNumber min={1} max={99} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              label={t('printing.waybills.weight')}
              name="weightGrams"
              rules={[
                {
                  required: true,
                  type: 'integer',
                  min: 1,
                  max: 30000,
                  message: t('fields.number-range', { min: 1, max: 30000 }),
                },
              ]}
            >
              <InputNumber min={1} max={30000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('printing.waybills.payment')} name="payment">
          <Radio.Group
            options={WAYBILL_PAYMENTS.map((p) => ({ value: p, label: t(`printing.waybills.paymentOptions.${p}`) }))}
          />
        </Form.Item>
        <Form.Item label={t('printing.waybills.numberSource')} name="source" extra={<PoolNote pool={pool} />}>
          <Radio.Group
            options={[
              { value: 'pool', label: t('printing.waybills.fromPool'), disabled: !pool || pool.available === 0 },
              { value: 'manual', label: t('printing.waybills.manual') },
            ]}
          />
        </Form.Item>
        {source === 'manual' && (
          <Form.Item
            label={t('printing.waybills.manualNumber')}
            name="manualNumber"
            rules={[emsRule]}
            normalize={(v: string) => v.toUpperCase().replace(/\s+/g, '')}
          >
            <Input
              className="mono"
              maxLength={32}
              placeholder={t('printing.waybills.manualPlaceholder')}
              autoComplete="off"
            />
          </Form.Item>
        )}
        {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('printing.waybills.submit')}
          </Button>
          <Button onClick={onClose}>{t('printing.waybills.cancel')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}
