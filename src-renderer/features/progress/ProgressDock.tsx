import { Button, Card, Progress, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ProgressEvent } from '@common/progress';
import { useProgressStore } from './progress-store';

const STATUS: Record<ProgressEvent['phase'], 'active' | 'success' | 'exception' | 'normal'> = {
  running: 'active',
  done: 'success',
  failed: 'exception',
  cancelled: 'normal',
};

/** A bar with counts for each long operation, bottom right; 取消 where stopping is safe. */
export function ProgressDock() {
  const { t } = useTranslation();
  const tasks = useProgressStore((s) => s.tasks);
  const cancel = useProgressStore((s) => s.cancel);
  if (!tasks.length) return null;
  return (
    <div className="progress-dock" role="region" aria-label={t('progress.region')}>
      {tasks.map((task) => {
        const percent = task.total ? Math.floor((task.done / task.total) * 100) : 0;
        const counts =
          task.total === null
            ? t('progress.preparing')
            : t(`progress.units.${task.unit}`, { done: task.done, total: task.total });
        return (
          <Card key={task.taskId} size="small" style={{ width: 340, marginTop: 8 }}>
            <Space style={{ width: '100%', justifyContent: 'space-between' }}>
              <Typography.Text strong>
                {t(`progress.kinds.${task.kind}`)} · {t(`progress.phases.${task.phase}`)}
              </Typography.Text>
              {task.cancellable && task.phase === 'running' && (
                <Button size="small" onClick={() => void cancel(task.taskId)}>
                  {t('progress.cancel')}
                </Button>
              )}
            </Space>
            <Progress
              percent={task.phase === 'done' ? 100 : percent}
              status={STATUS[task.phase]}
              aria-label={t(`progress.kinds.${task.kind}`)}
            />
            <Typography.Text type="secondary">{counts}</Typography.Text>
          </Card>
        );
      })}
    </div>
  );
}
