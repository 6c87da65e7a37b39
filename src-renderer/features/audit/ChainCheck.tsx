import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../i18n/errors';
import { useAuditStore } from './store';

/** 校验审计链: asks the main process to walk the hash chain. */
export function ChainCheckButton() {
  const { t } = useTranslation();
  const verifying = useAuditStore((s) => s.verifying);
  const verify = useAuditStore((s) => s.verify);
  return (
    <Button icon={<SafetyCertificateOutlined />} loading={verifying} onClick={() => void verify()}>
      {t('audit.verify')}
    </Button>
  );
}

/** The outcome of the last chain check: intact with its length, or the first broken link and why. */
export function ChainCheckOutcome() {
  const { t } = useTranslation();
  const verification = useAuditStore((s) => s.verification);
  const verifyError = useAuditStore((s) => s.verifyError);
  const style = { marginBottom: 16 };

  if (verifyError) return <Alert type="error" showIcon title={errorMessage(verifyError)} style={style} />;
  // What the department gateway's witnesses added to the local walk (absent: an older main process).
  const w = verification?.witnesses;
  const witnessLine = !w
    ? undefined
    : w.state !== 'compared'
      ? t(`audit.witnesses.${w.state}`)
      : w.checked === 0
        ? t('audit.witnesses.none')
        : t('audit.witnesses.compared', { checked: w.checked, latestSeq: w.latestSeq });
  if (verification?.ok)
    return (
      <Alert
        type={w?.state === 'unavailable' ? 'warning' : 'success'}
        showIcon
        title={t('audit.chainOk', { count: verification.count })}
        description={witnessLine}
        style={style}
        data-testid="audit-chain-outcome"
      />
    );
  if (verification?.firstBroken) {
    const { seq, reason } = verification.firstBroken;
    return (
      <Alert
        type="error"
        showIcon
        title={t('audit.chainBroken', { seq, reason: t(`audit.reasons.${reason}`) })}
        description={witnessLine}
        style={style}
        data-testid="audit-chain-outcome"
      />
    );
  }
  return null;
}
