import { PrinterOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentKind } from '@common/printing/documents';
import { errorMessage } from '../../i18n/errors';
import { useDocumentsStore } from './store';

const LABELS: Partial<Record<DocumentKind, string>> = {
  'acceptance-receipt': 'documents.printReceipt',
  'incomplete-notice': 'documents.printNotice',
  'rejection-notice': 'documents.printRejection',
  'power-of-attorney': 'documents.printPowerOfAttorney',
};

/** 打印回执 / 打印告知书: prints the document; a second print is marked 补打 by the main process. */
export function PrintButton({
  caseId,
  kind,
  primary = false,
}: {
  caseId: string;
  kind: DocumentKind;
  primary?: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const print = useDocumentsStore((s) => s.print);
  const [busy, setBusy] = useState(false);

  const run = async () => {
    setBusy(true);
    const result = await print(caseId, kind);
    setBusy(false);
    if (!result.ok) return void message.error(errorMessage(result.error));
    const { output, pdfPath, reprint, copy } = result.value;
    const done = output === 'pdf' ? t('documents.printedPdf', { path: pdfPath ?? '' }) : t('documents.printed');
    void message.success(reprint ? done + t('documents.reprint', { copy }) : done);
  };

  return (
    <Button
      type={primary ? 'primary' : 'default'}
      icon={<PrinterOutlined aria-hidden />}
      loading={busy}
      onClick={() => void run()}
      data-shortcut={primary ? 'print' : undefined}
    >
      {t(LABELS[kind] ?? 'documents.printNotice')}
    </Button>
  );
}
