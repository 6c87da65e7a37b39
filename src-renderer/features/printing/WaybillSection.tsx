import { PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../src-main/common/cases/case-types';
import {
  formatWeight,
  WAYBILL_CONTENTS,
  WAYBILL_DIRECTIONS,
  WAYBILL_PAYMENTS,
  type WaybillContents,
  type WaybillDirection,
  type WaybillPayment,
  type WaybillPoolStatus,
  type WaybillState,
  type WaybillView,
} from '../../../src-main/common/printing/waybill';
import { nextCopyOf } from '../../../src-main/common/printing/documents';
import { validateEmsNumber } from '../../../src-main/common/validators/ems';
import { errorMessage, fieldMessage } from '../../i18n/errors';
import { showFieldErrors } from '../../forms/server-errors';
import { requiredRule } from '../../forms/rules';
import { PrintAction } from './PrintAction';
import { usePrintLog } from './PrintPanel';
import { labelFormat, usePrintingStore } from './store';

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
function PoolNote({ pool }: { pool: WaybillPoolStatus | null }) {
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
function AssignDialog({
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

/** 寄递: the case's EMS waybills with their labels and tracking states, and 登记运单. */
export function WaybillSection({ detail, canEdit }: { detail: CaseDetail; canEdit: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const list = usePrintingStore((s) => s.waybills);
  const loadPool = usePrintingStore((s) => s.pool);
  const setState = usePrintingStore((s) => s.setState);
  const settings = usePrintingStore((s) => s.settings);
  const loadSettings = usePrintingStore((s) => s.loadSettings);
  const { log } = usePrintLog(detail.caseId);
  const [waybills, setWaybills] = useState<WaybillView[]>([]);
  const [pool, setPool] = useState<WaybillPoolStatus | null>(null);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void Promise.all([list(detail.caseId), loadPool()]).then(([w, p]) => {
      if (!live) return;
      if (w.ok) setWaybills(w.value);
      else setError(errorMessage(w.error));
      if (p.ok) setPool(p.value);
    });
    return () => {
      live = false;
    };
  }, [detail.caseId, list, loadPool]);

  const changeState = async (no: string, state: WaybillState) => {
    const result = await setState(no, state);
    if (!result.ok) return void message.error(errorMessage(result.error));
    void message.success(t('printing.waybills.stateChanged'));
    setWaybills((all) => all.map((w) => (w.waybillNo === no ? result.value : w)));
  };

  useEffect(() => {
    void loadSettings();
  }, [loadSettings]);

  const format = labelFormat(settings);
  return (
    <Card
      size="small"
      title={t('printing.waybills.section')}
      extra={
        canEdit && detail.outcome === 'accepted' ? (
          <Space>
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setOpen(true)}>
              {t('printing.waybills.assign')}
            </Button>
          </Space>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary">{t('printing.waybills.intro')}</Typography.Paragraph>
      {canEdit && detail.outcome === 'accepted' && (
        <div style={{ marginBottom: 12 }}>
          <PoolNote pool={pool} />
        </div>
      )}
      {error && <Alert type="error" showIcon title={error} />}
      <Table<WaybillView>
        size="small"
        rowKey="waybillNo"
        pagination={false}
        aria-label={t('printing.waybills.section')}
        dataSource={waybills}
        locale={{ emptyText: t('printing.waybills.empty') }}
        expandable={
          canEdit
            ? {
                expandedRowKeys: waybills.map((w) => w.waybillNo),
                showExpandColumn: false,
                // The label size comes with the print settings: no print button before they are read.
                expandedRowRender: (w) =>
                  settings && (
                    <PrintAction
                      job={{ caseId: detail.caseId, kind: 'waybill', format, waybillNo: w.waybillNo }}
                      label={`${t('printing.titles.waybill')} ${w.waybillNo}（${t(`printing.formats.${format}`)}）`}
                      nextCopy={nextCopyOf(log, 'waybill', format, w.waybillNo)}
                      testId={`print-waybill-${w.waybillNo}`}
                    />
                  ),
              }
            : undefined
        }
        columns={[
          {
            key: 'no',
            title: t('printing.waybills.cols.no'),
            render: (_v, w) => <span className="mono">{w.waybillNo}</span>,
          },
          {
            key: 'direction',
            title: t('printing.waybills.cols.direction'),
            render: (_v, w) => t(`printing.waybills.directions.${w.direction}`),
          },
          {
            key: 'recipient',
            title: t('printing.waybills.cols.recipient'),
            render: (_v, w) => (
              <span>
                {w.recipient.name} {w.recipient.phoneMasked}
                <br />
                <Typography.Text type="secondary">{w.recipient.address}</Typography.Text>
              </span>
            ),
          },
          {
            key: 'contents',
            title: t('printing.waybills.cols.contents'),
            render: (_v, w) => `${t(`printing.waybills.contentsOptions.${w.contents}`)} × ${w.pieces}`,
          },
          { key: 'weight', title: t('printing.waybills.cols.weight'), render: (_v, w) => formatWeight(w.weightGrams) },
          {
            key: 'payment',
            title: t('printing.waybills.cols.payment'),
            render: (_v, w) => t(`printing.waybills.paymentOptions.${w.payment}`),
          },
          {
            key: 'source',
            title: t('printing.waybills.cols.source'),
            render: (_v, w) => t(`printing.waybills.sources.${w.numberSource}`),
          },
          {
            key: 'state',
            title: t('printing.waybills.cols.state'),
            render: (_v, w) => (
              <Tag color={w.state === 'signed' ? 'success' : 'processing'}>
                {t(`printing.waybills.states.${w.state}`)}
              </Tag>
            ),
          },
          ...(canEdit
            ? [
                {
                  key: 'actions',
                  title: t('printing.waybills.cols.actions'),
                  render: (_v: unknown, w: WaybillView) => (
                    <Space size="small">
                      <Button
                        size="small"
                        disabled={w.state === 'sent' || w.state === 'signed'}
                        onClick={() => void changeState(w.waybillNo, 'sent')}
                      >
                        {t('printing.waybills.markSent')}
                      </Button>
                      <Button
                        size="small"
                        disabled={w.state === 'signed'}
                        onClick={() => void changeState(w.waybillNo, 'signed')}
                      >
                        {t('printing.waybills.markSigned')}
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {open && (
        <AssignDialog
          detail={detail}
          pool={pool}
          onClose={() => setOpen(false)}
          onAssigned={(w, p) => {
            setOpen(false);
            setPool(p);
            setWaybills((all) => [...all.filter((x) => x.waybillNo !== w.waybillNo), w]);
            void message.success(t('printing.waybills.assigned', { no: w.waybillNo }));
          }}
        />
      )}
    </Card>
  );
}
