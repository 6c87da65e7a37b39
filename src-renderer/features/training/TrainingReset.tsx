import { Button, Popconfirm } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTrainingStore } from './store';

/** The trainer's 重置培训数据 on the training banner (an administrator, signed in, not locked). */
export function TrainingReset() {
  const { t } = useTranslation();
  const reset = useTrainingStore((s) => s.reset);
  const busy = useTrainingStore((s) => s.busy);
  return (
    <Popconfirm title={t('hall.training.resetConfirm')} onConfirm={() => void reset()}>
      <Button size="small" danger ghost loading={busy} style={{ marginInlineStart: 16 }}>
        {t('hall.training.reset')}
      </Button>
    </Popconfirm>
  );
}
