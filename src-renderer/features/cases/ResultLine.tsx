import { FilePdfOutlined } from '@ant-design/icons';
import { App, Button, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '@common/cases/case-types';
import { call } from '../../api/call';
import { errorMessage } from '../../i18n/errors';
import { saveDownload } from '../supervisor/download';
import { resultDownload } from './result-file';

/** 办理结果（网络送达）: the file name and a button that fetches the checked PDF to view or print it. */
export function ResultLine({
  detail,
  result,
}: {
  detail: CaseDetail;
  result: NonNullable<NonNullable<CaseDetail['deptDetails']>['result']>;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const open = async () => {
    setBusy(true);
    const fetched = await call('cases:result', { caseId: detail.caseId });
    setBusy(false);
    if (!fetched.ok) return void message.error(`${t('result.failed')}：${errorMessage(fetched.error)}`);
    saveDownload(resultDownload(fetched.value));
    void message.success(t('result.opened', { fileName: fetched.value.fileName }));
  };
  return (
    <Space wrap>
      <FilePdfOutlined aria-hidden />
      <Typography.Text data-testid="case-result-file">{result.fileName}</Typography.Text>
      <Button size="small" type="primary" loading={busy} onClick={() => void open()} title={t('result.hint')}>
        {busy ? t('result.opening') : t('result.open')}
      </Button>
    </Space>
  );
}
