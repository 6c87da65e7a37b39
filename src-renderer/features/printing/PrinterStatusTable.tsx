import { ExperimentOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrinterStatus } from '@common/printing/print-settings';
import { errorMessage } from '../../i18n/errors';
import { usePrintingStore } from './store';

/** 打印机状态: each configured printer's state, refreshable, with 测试打印. */
export function PrinterStatusTable() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const status = usePrintingStore((s) => s.status);
  const test = usePrintingStore((s) => s.test);
  // Reloaded whenever the settings are saved.
  const settings = usePrintingStore((s) => s.settings);
  const [rows, setRows] = useState<PrinterStatus[]>([]);
  const [busy, setBusy] = useState(false);
  const [testing, setTesting] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    setBusy(true);
    const result = await status();
    setBusy(false);
    if (result.ok) setRows(result.value);
    else void message.error(errorMessage(result.error));
  }, [status, message]);
  useEffect(() => {
    let live = true;
    void status().then((r) => live && r.ok && setRows(r.value));
    return () => {
      live = false;
    };
  }, [status, settings]);

  const runTest = async (role: PrinterStatus['role']) => {
    setTesting(role);
    const result = await test(role);
    setTesting(null);
    if (!result.ok) void message.error(`${t('printing.settings.test')}：${errorMessage(result.error)}`);
    else if (result.value.output === 'pdf')
      void message.success(t('printing.settings.testedPdf', { path: result.value.pdfPath ?? '' }));
    else void message.success(t('printing.settings.testedPrinter', { role: t(`printing.settings.role.${role}`) }));
    void refresh();
  };

  const color = (s: PrinterStatus['state']) =>
    s === 'ready'
      ? 'success'
      : s === 'paper-near-end' || s === 'unknown'
        ? 'warning'
        : s === 'not-configured'
          ? 'default'
          : 'error';
  return (
    <>
      <Space style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t('printing.settings.status')}</Typography.Text>
        <Button size="small" icon={<ReloadOutlined aria-hidden />} loading={busy} onClick={() => void refresh()}>
          {t('printing.settings.refresh')}
        </Button>
      </Space>
      <Table<PrinterStatus>
        size="small"
        rowKey="role"
        pagination={false}
        aria-label={t('printing.settings.status')}
        dataSource={rows}
        columns={[
          {
            key: 'role',
            title: t('printing.settings.statusCols.role'),
            render: (_v, r) => t(`printing.settings.role.${r.role}`),
          },
          {
            key: 'target',
            title: t('printing.settings.statusCols.target'),
            render: (_v, r) => <span className="mono">{r.target}</span>,
          },
          {
            key: 'state',
            title: t('printing.settings.statusCols.state'),
            render: (_v, r) => <Tag color={color(r.state)}>{t(`printing.settings.states.${r.state}`)}</Tag>,
          },
          {
            key: 'detail',
            title: t('printing.settings.statusCols.detail'),
            render: (_v, r) =>
              r.detail ? (
                <span title={r.detail}>{t(`printing.settings.details.${r.detail}`, { defaultValue: r.detail })}</span>
              ) : (
                '—'
              ),
          },
          {
            key: 'test',
            title: t('printing.settings.statusCols.test'),
            render: (_v, r) => (
              <Button
                size="small"
                icon={<ExperimentOutlined aria-hidden />}
                disabled={r.state === 'not-configured'}
                loading={testing === r.role}
                onClick={() => void runTest(r.role)}
                aria-label={`${t('printing.settings.test')} ${t(`printing.settings.role.${r.role}`)}`}
              >
                {t('printing.settings.test')}
              </Button>
            ),
          },
        ]}
      />
    </>
  );
}
