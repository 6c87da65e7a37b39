import { MainLayout } from './features/shell/MainLayout';
import { LockScreen } from './features/auth/LockScreen';

/** The signed-in window: the pages, with the lock screen over them while locked (they stay mounted under it). */
export function Workspace({ locked }: { locked: boolean }) {
  return (
    <>
      <MainLayout locked={locked} />
      {locked && <LockScreen />}
    </>
  );
}
