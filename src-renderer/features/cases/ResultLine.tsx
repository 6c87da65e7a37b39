import { FilePdfOutlined } from '@ant-design/icons';
import { App, Button, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '@common/cases/case-types';
import type { DepartmentDocumentKind } from '@tongban/protocol/sync/department-documents';
import { call } from '../../api/call';
import { errorMessage } from '../../i18n/errors';
import { saveDownload } from '../supervisor/download';
import { resultDownload } from './result-file';

/** 办理结果（网络送达）: the file name and a button that fetches the checked PDF to view or print it. */
export function ResultLine({
  detail,
  result,
  document,
}: {
  detail: CaseDetail;
  result: { fileName: string };
  /** One of the 办理地 department's documents (details.documents) instead of the 网络送达 result. */
  document?: DepartmentDocumentKind;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const open = async () => {
    setBusy(true);
    const fetched = await call('cases:result', { caseId: detail.caseId, ...(document ? { document } : {}) });
    setBusy(false);
    if (!fetched.ok) return void message.error(`${t('result.failed')}：${errorMessage(fetched.error)}`);
    saveDownload(resultDownload(fetched.value));
    void message.success(t('result.opened', { fileName: fetched.value.fileName }));
  };
  return (
    <Space wrap>
      <FilePdfOutlined aria-hidden />
      <Typography.Text data-testid="case-result-file">{result.fileName}</Typography.Text>
      <Button
        size="small"
        type="primary"
        loading={busy}
        onClick={() => void open()}
        title={t(document ? 'result.documentHint' : 'result.hint')}
        data-testid={document ? `dept-document-${document}` : undefined}
      >
        {busy ? t('result.opening') : t(document ? 'result.openDocument' : 'result.open')}
      </Button>
    </Space>
  );
}
