import { Alert, Card, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '@common/cases/case-types';
import { parsePrinterTarget } from '@common/printing/print-settings';
import { nextCopyOf, type DocumentKind, type PrintFormat, type PrintLogEntry } from '@common/printing/documents';
import type { AppErrorData } from '@common/result';
import { formatDateTime } from '../../i18n/datetime';
import { errorMessage } from '../../i18n/errors';
import { PrintAction } from './PrintAction';
import { thermalFormat, usePrintingStore } from './store';

interface DocumentButton {
  key: string;
  kind: DocumentKind;
  format: PrintFormat | 'thermal';
  label: string;
}

/** The documents a case's outcome has, each in the formats the window prints it. */
const BUTTONS: Record<CaseDetail['outcome'], DocumentButton[]> = {
  accepted: [
    { key: 'receipt', kind: 'acceptance-receipt', format: 'thermal', label: 'printing.docs.receipt' },
    { key: 'acceptance-a4', kind: 'acceptance-receipt', format: 'a4', label: 'printing.docs.acceptanceA4' },
    { key: 'transfer', kind: 'material-transfer', format: 'a4', label: 'printing.docs.transfer' },
  ],
  incomplete: [
    {
      key: 'incomplete-thermal',
      kind: 'incomplete-notice',
      format: 'thermal',
      label: 'printing.docs.incompleteThermal',
    },
    { key: 'incomplete-a4', kind: 'incomplete-notice', format: 'a4', label: 'printing.docs.incompleteA4' },
  ],
  rejected: [{ key: 'rejection', kind: 'rejection-notice', format: 'a4', label: 'printing.docs.rejection' }],
};

/** The print log of the case, reloaded after every print. */
export function usePrintLog(caseId: string): { log: PrintLogEntry[]; error: AppErrorData | null } {
  const load = usePrintingStore((s) => s.log);
  const version = usePrintingStore((s) => s.logVersion);
  const [state, setState] = useState<{ log: PrintLogEntry[]; error: AppErrorData | null }>({ log: [], error: null });
  useEffect(() => {
    let live = true;
    void load(caseId).then((r) => live && setState(r.ok ? { log: r.value, error: null } : { log: [], error: r.error }));
    return () => {
      live = false;
    };
  }, [caseId, load, version]);
  return state;
}

/** 打印: a button per document of the case, each with its result, and the 打印记录. */
export function PrintPanel({ detail, canPrint }: { detail: CaseDetail; canPrint: boolean }) {
  const { t } = useTranslation();
  const settings = usePrintingStore((s) => s.settings);
  const loadSettings = usePrintingStore((s) => s.loadSettings);
  const { log, error } = usePrintLog(detail.caseId);

  useEffect(() => {
    void loadSettings();
  }, [loadSettings]);

  return (
    <div className="print-panel">
      {canPrint && (
        <Card size="small" title={t('printing.panel')} style={{ marginBottom: 16 }}>
          <Typography.Paragraph type="secondary">{t('printing.panelIntro')}</Typography.Paragraph>
          {settings?.printers.thermal === 'none' && BUTTONS[detail.outcome].some((b) => b.format === 'thermal') && (
            <Alert
              type="warning"
              showIcon
              title={t('printing.noThermal')}
              description={t('errors.printer-not-configured')}
              style={{ marginBottom: 12 }}
            />
          )}
          {BUTTONS[detail.outcome].map((b) => {
            const format = b.format === 'thermal' ? thermalFormat(settings) : b.format;
            const label = t(b.label);
            return (
              <PrintAction
                key={b.key}
                testId={`print-${b.key}`}
                job={{ caseId: detail.caseId, kind: b.kind, format }}
                label={`${label}（${t(`printing.formats.${format}`)}）`}
                nextCopy={nextCopyOf(log, b.kind, format)}
              />
            );
          })}
        </Card>
      )}
      <PrintLog log={log} error={error} />
    </div>
  );
}

/** A printer setting as the clerk reads it: 'PDF 文件', '网络打印机 192.168.1.50:9100', the system printer's name. */
export function printerLabel(t: TFunction, target: string): string {
  const parsed = parsePrinterTarget(target);
  switch (parsed?.kind) {
    case 'pdf':
      return t('printing.output.pdf');
    case 'tcp':
      return t('printing.targetLabels.tcp', { address: `${parsed.host}:${parsed.port}` });
    case 'device':
      return t('printing.targetLabels.device', { path: parsed.path });
    case 'system':
      return parsed.name;
    default:
      return target;
  }
}

/** 打印记录: every attempt, newest first, with its copy number and whether it was a reprint. */
export function PrintLog({ log, error }: { log: PrintLogEntry[]; error: AppErrorData | null }) {
  const { t } = useTranslation();
  const stateColor = { pending: 'processing', printed: 'success', failed: 'error' } as const;
  return (
    <Card size="small" title={t('printing.log')}>
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      <Table<PrintLogEntry>
        size="small"
        rowKey="printId"
        pagination={false}
        aria-label={t('printing.log')}
        dataSource={log}
        locale={{ emptyText: t('printing.logEmpty') }}
        columns={[
          {
            key: 'document',
            title: t('printing.logCols.document'),
            render: (_v, e) => (
              <span>
                {e.kind === 'acceptance-receipt' && e.format !== 'a4'
                  ? t('printing.docs.receipt')
                  : t(`printing.titles.${e.kind}`)}
                <br />
                <Typography.Text type="secondary" className="mono" style={{ fontSize: 'var(--fs-small)' }}>
                  {e.documentNo}
                </Typography.Text>
              </span>
            ),
          },
          { key: 'format', title: t('printing.logCols.format'), render: (_v, e) => t(`printing.formats.${e.format}`) },
          {
            key: 'printer',
            title: t('printing.logCols.printer'),
            render: (_v, e) => <span title={e.outputPath ?? e.printer}>{printerLabel(t, e.printer)}</span>,
          },
          {
            key: 'user',
            title: t('printing.logCols.user'),
            className: 'nowrap',
            render: (_v, e) => <span title={e.userName}>{e.userDisplayName}</span>,
          },
          {
            key: 'time',
            title: t('printing.logCols.time'),
            className: 'nowrap',
            render: (_v, e) => formatDateTime(e.at),
          },
          { key: 'copy', title: t('printing.logCols.copy'), dataIndex: 'copy', align: 'right', className: 'nowrap' },
          {
            key: 'reprint',
            title: t('printing.logCols.reprint'),
            render: (_v, e) =>
              e.reprint ? <Tag color="orange">{t('printing.reprint', { copy: e.copy })}</Tag> : t('printing.no'),
          },
          {
            key: 'state',
            title: t('printing.logCols.state'),
            render: (_v, e) => (
              <Tag
                color={stateColor[e.state]}
                title={e.errorCode ? t(`errors.${e.errorCode}`, { defaultValue: e.errorCode }) : undefined}
              >
                {t(`printing.states.${e.state}`)}
              </Tag>
            ),
          },
        ]}
      />
    </Card>
  );
}
