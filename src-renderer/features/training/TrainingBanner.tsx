import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../first/icons';
import { lazyWithProviders } from '../../first/lazy-with-providers';
import { useAuthStore } from '../auth/store';
import { useAppInfoStore } from '../setup/store';

// The trainer's reset (antd Popconfirm) loads only for a signed-in administrator: the banner itself is
// part of the first screen, which does not load antd.
const TrainingReset = lazyWithProviders(() => import('./TrainingReset').then((m) => m.TrainingReset));

/** The red 培训 banner over every screen while the training data folder is open; the trainer resets from it. */
export function TrainingBanner() {
  const { t } = useTranslation();
  const training = useAppInfoStore((s) => s.info?.training === true);
  const role = useAuthStore((s) => s.session?.user.role);
  const locked = useAuthStore((s) => s.session?.locked === true);
  if (!training) return null;
  return (
    <div role="status" className="training-banner" data-testid="training-banner">
      <Icon name="experiment" /> <strong>培训</strong> {t('hall.training.banner')}
      {role === 'admin' && !locked && (
        <Suspense fallback={null}>
          <TrainingReset />
        </Suspense>
      )}
    </div>
  );
}
