import { useEffect } from 'react';
import { useAuthStore } from './store';

const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Locks the screen after the session's idle minutes without pointer or keyboard activity in the page.
 * Uses Date.now and setTimeout only, so a test clock can drive it.
 */
export function useIdleLock(): void {
  const idleMinutes = useAuthStore((s) => s.session?.idleLockMinutes ?? 0);
  const locked = useAuthStore((s) => s.session?.locked ?? true);
  const lock = useAuthStore((s) => s.lock);
  const noteActivity = useAuthStore((s) => s.noteActivity);

  useEffect(() => {
    if (locked || idleMinutes <= 0) return;
    const idleMs = idleMinutes * 60_000;
    let lastActivity = Date.now();
    let timer: ReturnType<typeof setTimeout>;

    const check = () => {
      const idleFor = Date.now() - lastActivity;
      if (idleFor >= idleMs) void lock();
      else timer = setTimeout(check, idleMs - idleFor);
    };
    const onActivity = () => {
      lastActivity = Date.now();
      noteActivity();
    };

    timer = setTimeout(check, idleMs);
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onActivity, { capture: true, passive: true });
    return () => {
      clearTimeout(timer);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity, { capture: true });
    };
  }, [idleMinutes, locked, lock, noteActivity]);
}
