import { PrinterOutlined, RedoOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrintResult } from '@common/printing/documents';
import type { AppErrorData } from '@common/result';
import { errorMessage } from '../../i18n/errors';
import { usePrintingStore, type PrintJob } from './store';

type Outcome = { ok: true; value: PrintResult } | { ok: false; error: AppErrorData };

/** The Chinese reason of a print failure; a width mismatch says which paper the printer takes. */
function failureText(error: AppErrorData): string {
  return errorMessage(error);
}

/**
 * One print button and what came of it: printed, saved as PDF (with the path), or failed with the
 * reason and 重新打印, which sends the same request (the main process reuses the failed copy number).
 */
export function PrintAction({
  job,
  label,
  nextCopy,
  testId,
}: {
  job: PrintJob;
  label: string;
  nextCopy: number;
  testId?: string;
}) {
  const { t } = useTranslation();
  const print = usePrintingStore((s) => s.print);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const run = async () => {
    setBusy(true);
    const result = await print(job);
    setBusy(false);
    setOutcome(result.ok ? { ok: true, value: result.value } : { ok: false, error: result.error });
  };

  let result = null;
  if (outcome?.ok) {
    const { output, pdfPath, copy, reprint } = outcome.value;
    const title =
      output === 'pdf'
        ? t('printing.savedPdf', { path: pdfPath ?? '' })
        : t(reprint ? 'printing.printedReprint' : 'printing.printedToPrinter', { copy });
    result = (
      <Alert
        type="success"
        showIcon
        role="status"
        title={output === 'pdf' && reprint ? `${title}（${t('printing.reprint', { copy })}）` : title}
        className="print-result"
      />
    );
  } else if (outcome) {
    result = (
      <Alert
        type="error"
        showIcon
        role="alert"
        title={t('printing.failed', { reason: failureText(outcome.error) })}
        className="print-result"
        action={
          <Button size="small" danger icon={<RedoOutlined aria-hidden />} loading={busy} onClick={() => void run()}>
            {t('printing.retry')}
          </Button>
        }
      />
    );
  }

  return (
    <div className="print-action" data-testid={testId}>
      <Space wrap>
        <Typography.Text strong className="print-action__label">
          {label}
        </Typography.Text>
        <Button
          type={nextCopy > 1 ? 'default' : 'primary'}
          icon={<PrinterOutlined aria-hidden />}
          loading={busy && !outcome}
          disabled={busy}
          onClick={() => void run()}
          aria-label={`${nextCopy > 1 ? t('printing.reprint', { copy: nextCopy }) : t('printing.print')} ${label}`}
        >
          {nextCopy > 1 ? t('printing.reprint', { copy: nextCopy }) : t('printing.print')}
        </Button>
      </Space>
      {result}
    </div>
  );
}
