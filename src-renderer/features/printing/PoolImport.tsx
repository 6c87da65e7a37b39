import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Input, List, Space, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PoolImportReport } from '@common/printing/waybill';
import { errorMessage } from '../../i18n/errors';
import { readAs } from './read-file';
import { usePrintingStore } from './store';

/** 运单号池: import EMS numbers from pasted text or a file; every invalid line is listed with its reason. */
export function PoolImport() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const importPool = usePrintingStore((s) => s.importPool);
  const loadPool = usePrintingStore((s) => s.pool);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<PoolImportReport | null>(null);
  const [available, setAvailable] = useState<number | null>(null);

  useEffect(() => {
    void loadPool().then((r) => r.ok && setAvailable(r.value.available));
  }, [loadPool]);

  const run = async () => {
    if (!text.trim()) return;
    setBusy(true);
    const result = await importPool(text);
    setBusy(false);
    if (!result.ok) return void message.error(errorMessage(result.error));
    setReport(result.value);
    setAvailable(result.value.pool.available);
    if (result.value.invalid.length === 0) setText('');
  };

  return (
    <>
      <Typography.Paragraph type="secondary">{t('printing.settings.poolIntro')}</Typography.Paragraph>
      {available !== null && (
        <Typography.Paragraph>{t('printing.waybills.pool', { count: available })}</Typography.Paragraph>
      )}
      <Input.TextArea
        aria-label={t('printing.settings.poolText')}
        placeholder={t('printing.settings.poolText')}
        rows={5}
        className="mono"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <Space style={{ marginTop: 8 }}>
        <Button type="primary" loading={busy} disabled={!text.trim()} onClick={() => void run()}>
          {t('printing.settings.poolImport')}
        </Button>
        <Upload
          accept=".txt,.csv,text/plain"
          showUploadList={false}
          beforeUpload={(file) => {
            void readAs(file, 'text').then(setText);
            return false;
          }}
        >
          <Button icon={<UploadOutlined aria-hidden />}>{t('printing.settings.poolFile')}</Button>
        </Upload>
      </Space>
      {report && (
        <Alert
          style={{ marginTop: 12 }}
          type={report.invalid.length ? 'warning' : 'success'}
          showIcon
          role="status"
          title={t('printing.settings.poolImported', {
            imported: report.imported,
            already: report.alreadyInPool,
            invalid: report.invalid.length,
          })}
          description={
            report.invalid.length ? (
              <List
                size="small"
                dataSource={report.invalid}
                renderItem={(p) => (
                  <List.Item>
                    {t('printing.settings.poolInvalid', {
                      line: p.line,
                      text: p.text,
                      reason: t(`printing.settings.poolReasons.${p.code}`),
                    })}
                  </List.Item>
                )}
              />
            ) : undefined
          }
        />
      )}
    </>
  );
}
