import { Alert, Button, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../i18n/errors';
import { useAppInfoStore } from '../setup/store';
import { useTrainingStore } from './store';

/** On the sign-in screen: 进入培训模式 (or back to the live data). */
export function TrainingSwitch() {
  const { t } = useTranslation();
  const training = useAppInfoStore((s) => s.info?.training === true);
  const { busy, error, switchMode } = useTrainingStore();
  return (
    <div style={{ marginTop: 16, textAlign: 'center' }}>
      <Button type="link" danger={!training} loading={busy} onClick={() => void switchMode(!training)}>
        {training ? t('hall.training.leave') : t('hall.training.enter')}
      </Button>
      {!training && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 'var(--fs-small)', marginBottom: 0 }}>
          {t('hall.training.loginHint')}
        </Typography.Paragraph>
      )}
      {error && <Alert type="error" showIcon title={errorMessage(error)} style={{ marginTop: 8 }} />}
    </div>
  );
}
