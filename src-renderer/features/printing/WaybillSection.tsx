import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '@common/cases/case-types';
import { formatWeight, type WaybillPoolStatus, type WaybillState, type WaybillView } from '@common/printing/waybill';
import { nextCopyOf } from '@common/printing/documents';
import { errorMessage } from '../../i18n/errors';
import { PrintAction } from './PrintAction';
import { usePrintLog } from './PrintPanel';
import { labelFormat, usePrintingStore } from './store';
import { AssignDialog, PoolNote } from './WaybillAssignDialog';

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
