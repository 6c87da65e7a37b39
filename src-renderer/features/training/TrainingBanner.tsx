import { ExperimentOutlined } from '@ant-design/icons';
import { Button, Popconfirm } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuthStore } from '../auth/store';
import { useAppInfoStore } from '../setup/store';
import { useTrainingStore } from './store';

/** The red 培训 banner over every screen while the training data folder is open; the trainer resets from it. */
export function TrainingBanner() {
  const { t } = useTranslation();
  const training = useAppInfoStore((s) => s.info?.training === true);
  const role = useAuthStore((s) => s.session?.user.role);
  const locked = useAuthStore((s) => s.session?.locked === true);
  const reset = useTrainingStore((s) => s.reset);
  const busy = useTrainingStore((s) => s.busy);
  if (!training) return null;
  return (
    <div role="status" className="training-banner" data-testid="training-banner">
      <ExperimentOutlined aria-hidden /> <strong>培训</strong> {t('hall.training.banner')}
      {role === 'admin' && !locked && (
        <Popconfirm title={t('hall.training.resetConfirm')} onConfirm={() => void reset()}>
          <Button size="small" danger ghost loading={busy} style={{ marginInlineStart: 16 }}>
            {t('hall.training.reset')}
          </Button>
        </Popconfirm>
      )}
    </div>
  );
}
