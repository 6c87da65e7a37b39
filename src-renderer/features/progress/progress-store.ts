import { create } from 'zustand';
import type { ProgressEvent } from '@common/progress';
import { api, call } from '../../api/call';

/** How long a finished task stays on screen. */
const LINGER_MS = 4000;

interface ProgressState {
  tasks: ProgressEvent[];
  cancel(taskId: string): Promise<void>;
}

/** Long operations in progress (export, backup, sync of a backlog), as the main process reports them. */
export const useProgressStore = create<ProgressState>()(() => ({
  tasks: [],
  async cancel(taskId) {
    await call('progress:cancel', { taskId });
  },
}));

/** Follows the main process's progress events; finished tasks fade out after a few seconds. */
export function followProgress(): () => void {
  return api.on('progress', (event) => {
    useProgressStore.setState((s) => ({ tasks: [...s.tasks.filter((t) => t.taskId !== event.taskId), event] }));
    if (event.phase !== 'running')
      window.setTimeout(
        () => useProgressStore.setState((s) => ({ tasks: s.tasks.filter((t) => t.taskId !== event.taskId) })),
        LINGER_MS,
      );
  });
}
