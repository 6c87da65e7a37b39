import { Alert, Button, Divider, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorData } from '@common/result';
import type { RestoreResult } from '@common/supervisor/views';
import { errorMessage } from '../../i18n/errors';
import { ProgressDock } from '../progress/ProgressDock';
import { useAppInfoStore } from './store';

/** First run on a new PC or disk: restore this window from its backup instead of setting it up anew. */
export function SetupRestore() {
  const { t } = useTranslation();
  const restore = useAppInfoStore((s) => s.restore);
  const [file, setFile] = useState('');
  const [recoveryCode, setRecoveryCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorData | null>(null);
  const [staged, setStaged] = useState<RestoreResult | null>(null);

  const submit = async () => {
    setBusy(true);
    setError(null);
    const result = await restore(file.trim(), recoveryCode.trim() || undefined);
    setBusy(false);
    if (result.ok) setStaged(result.value);
    else setError(result.error);
  };

  return (
    <section aria-labelledby="setup-restore-title">
      <Divider titlePlacement="start">
        <span id="setup-restore-title">{t('supervisor.backups.setupTitle')}</span>
      </Divider>
      <Typography.Paragraph type="secondary">{t('supervisor.backups.setupIntro')}</Typography.Paragraph>
      {staged ? (
        <Alert
          type="success"
          showIcon
          role="status"
          title={t('supervisor.backups.setupStaged', { cases: staged.counts.cases })}
        />
      ) : (
        <Form layout="vertical" name="setup-restore" onFinish={() => void submit()}>
          <Form.Item
            label={t('supervisor.backups.setupFile')}
            htmlFor="setup-restore-file"
            extra={t('supervisor.backups.setupFileHelp')}
          >
            <Input
              id="setup-restore-file"
              value={file}
              onChange={(e) => setFile(e.target.value)}
              autoComplete="off"
              spellCheck={false}
            />
          </Form.Item>
          <Form.Item
            label={t('supervisor.backups.setupRecoveryCode')}
            htmlFor="setup-restore-recovery-code"
            extra={t('supervisor.backups.setupRecoveryCodeHelp')}
          >
            <Input
              id="setup-restore-recovery-code"
              value={recoveryCode}
              onChange={(e) => setRecoveryCode(e.target.value)}
              autoComplete="off"
              spellCheck={false}
            />
          </Form.Item>
          {error && <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 16 }} />}
          <Button htmlType="submit" disabled={file.trim() === ''} loading={busy}>
            {t('supervisor.backups.setupRun')}
          </Button>
        </Form>
      )}
      {/* The restore's steps (no 取消 here: progress:cancel needs a signed-in caller). */}
      <ProgressDock />
    </section>
  );
}
