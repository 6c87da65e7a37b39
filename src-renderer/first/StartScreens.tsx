import { useTranslation } from 'react-i18next';
import { Button } from './controls';
import { Icon } from './icons';

/** While the window asks the main process what it is (and who is signed in): antd's full-screen Spin. */
export function FirstLoading({ description = true }: { description?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="fs-loading" role="status" aria-live="polite">
      <span className="fs-loading__dots" aria-hidden>
        <i />
        <i />
        <i />
        <i />
      </span>
      {description && <div className="fs-loading__text">{t('app.loading')}</div>}
    </div>
  );
}

/** The main process did not answer app:info: antd's error Result with 重试. */
export function StartFailed({ message, onRetry }: { message: string; onRetry(): void }) {
  const { t } = useTranslation();
  return (
    <div className="fs-result">
      <Icon name="error" className="fs-result__icon" />
      <h1 className="fs-result__title">{t('app.startFailed')}</h1>
      <div className="fs-result__subtitle">{message}</div>
      <div className="fs-result__extra">
        <Button variant="primary" onClick={onRetry}>
          {t('app.retry')}
        </Button>
      </div>
    </div>
  );
}
