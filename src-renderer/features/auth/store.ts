import { create } from 'zustand';
import type { SessionInfo } from '@common/accounts';
import type { AppErrorData, Result } from '@common/result';
import { api, call, onSessionProblem } from '../../api/call';

// While the clerk works in the page without calling the main process (typing a note), the
// main process would consider the session idle; a throttled heartbeat keeps both clocks in step.
const HEARTBEAT_MS = 30_000;
let lastHeartbeat = 0;

interface AuthState {
  session: SessionInfo | null;
  /** Whether the start-up session check has answered. */
  restored: boolean;
  /** Why the login screen is shown again (ended session, locked account), if there is a reason. */
  notice: AppErrorData | null;
  restore(): Promise<void>;
  login(username: string, password: string): Promise<Result<SessionInfo>>;
  signedIn(session: SessionInfo): void;
  logout(): Promise<void>;
  lock(): Promise<void>;
  unlock(password: string): Promise<Result<SessionInfo>>;
  /** Replaces the password (required first when an administrator set it); the session follows. */
  changePassword(currentPassword: string, newPassword: string): Promise<Result<SessionInfo>>;
  /** Re-reads the session (e.g. after the idle-lock minutes changed). */
  refresh(): Promise<void>;
  noteActivity(): void;
  markLocked(): void;
  markSignedOut(notice?: AppErrorData): void;
}

/** The signed-in user, the lock state and sign-in/out. */
export const useAuthStore = create<AuthState>()((set, get) => ({
  session: null,
  restored: false,
  notice: null,

  async restore() {
    const result = await call('auth:session', {});
    set({ session: result.ok ? result.value : null, restored: true });
  },

  async login(username, password) {
    const result = await call('auth:login', { username, password });
    if (result.ok) get().signedIn(result.value);
    return result;
  },

  signedIn(session) {
    lastHeartbeat = Date.now();
    set({ session, notice: null });
  },

  async logout() {
    await call('auth:logout', {});
    set({ session: null, notice: null });
  },

  async lock() {
    // Cover the screen at once; the main process is told right after.
    get().markLocked();
    await call('auth:lock', {});
  },

  async unlock(password) {
    const result = await call('auth:unlock', { password });
    if (result.ok) get().signedIn(result.value);
    else if (result.error.code === 'account-locked' || result.error.code === 'account-disabled') {
      // The main process has ended the session: the next person signs in from scratch.
      get().markSignedOut(result.error);
    }
    return result;
  },

  async changePassword(currentPassword, newPassword) {
    const result = await call('auth:changePassword', { currentPassword, newPassword });
    if (result.ok) set({ session: result.value });
    return result;
  },

  async refresh() {
    const result = await call('auth:session', {});
    if (!result.ok) return;
    if (result.value === null) get().markSignedOut({ code: 'unauthenticated', message: 'session ended' });
    else set({ session: result.value });
  },

  noteActivity() {
    const { session } = get();
    if (!session || session.locked || Date.now() - lastHeartbeat < HEARTBEAT_MS) return;
    lastHeartbeat = Date.now();
    // The heartbeat keeps the main process's idle timer in step with the user's activity here.
    void call('auth:heartbeat', {}).then((result) => {
      if (!result.ok && result.error.code === 'unauthenticated') get().markSignedOut(result.error);
    });
  },

  markLocked() {
    const { session } = get();
    if (session && !session.locked) set({ session: { ...session, locked: true } });
  },

  markSignedOut(notice) {
    if (get().session) set({ session: null, notice: notice ?? null });
  },
}));

onSessionProblem((problem) => {
  const auth = useAuthStore.getState();
  if (problem === 'session-locked') auth.markLocked();
  else if (problem === 'password-change-required') void auth.refresh();
  else auth.markSignedOut({ code: 'unauthenticated', message: 'session ended' });
});

/** Follows the main process's pushes about this session (locked elsewhere, signed out). */
export function followSessionEvents(): () => void {
  return api.on('session:changed', ({ state }) => {
    const auth = useAuthStore.getState();
    if (state === 'locked') auth.markLocked();
    else auth.markSignedOut({ code: 'unauthenticated', message: 'session ended' });
  });
}
