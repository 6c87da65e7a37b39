import { useTranslation } from 'react-i18next';
import { Button, ErrorAlert } from '../../first/controls';
import { errorMessage } from '../../i18n/errors';
import { useAppInfoStore } from '../setup/store';
import { useTrainingStore } from './store';

/** On the sign-in screen: 进入培训模式 (or back to the live data). Plain React: part of the first screen. */
export function TrainingSwitch() {
  const { t } = useTranslation();
  const training = useAppInfoStore((s) => s.info?.training === true);
  const { busy, error, switchMode } = useTrainingStore();
  return (
    <div className="fs-training-switch">
      <Button variant={training ? 'link' : 'danger-link'} loading={busy} onClick={() => void switchMode(!training)}>
        {training ? t('hall.training.leave') : t('hall.training.enter')}
      </Button>
      {!training && <p className="fs-training-switch__hint">{t('hall.training.loginHint')}</p>}
      {error && <ErrorAlert>{errorMessage(error)}</ErrorAlert>}
    </div>
  );
}
