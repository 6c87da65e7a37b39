import { create } from 'zustand';
import type { UserSummary } from '@common/accounts';
import type { CommandInput } from '@common/contract';
import type { Role } from '@common/roles';
import type { AppErrorData, Result } from '@common/result';
import { call } from '../../api/call';

interface UsersState {
  users: UserSummary[];
  /** When the list was last read: lockouts are judged as of then (render stays pure). */
  listedAt: number;
  loading: boolean;
  loadError: AppErrorData | null;
  load(): Promise<void>;
  create(input: CommandInput<'users:create'>): Promise<Result<UserSummary>>;
  setDisabled(userId: number, disabled: boolean): Promise<Result<UserSummary>>;
  resetPassword(userId: number, newPassword: string): Promise<Result<UserSummary>>;
  setRole(userId: number, role: Role): Promise<Result<UserSummary>>;
}

/** Staff accounts, for administrators. */
export const useUsersStore = create<UsersState>()((set, get) => {
  /** Puts a changed account into the list in place (or appends a new one). */
  const upsert = (result: Result<UserSummary>): Result<UserSummary> => {
    if (result.ok) {
      const others = get().users.filter((u) => u.id !== result.value.id);
      set({ users: [...others, result.value].sort((a, b) => a.id - b.id), listedAt: Date.now() });
    }
    return result;
  };

  return {
    users: [],
    listedAt: 0,
    loading: false,
    loadError: null,

    async load() {
      set({ loading: true });
      const result = await call('users:list', {});
      set(
        result.ok
          ? { users: result.value, listedAt: Date.now(), loading: false, loadError: null }
          : { loading: false, loadError: result.error },
      );
    },

    create: async (input) => upsert(await call('users:create', input)),
    setDisabled: async (userId, disabled) => upsert(await call('users:setDisabled', { userId, disabled })),
    resetPassword: async (userId, newPassword) => upsert(await call('users:resetPassword', { userId, newPassword })),
    setRole: async (userId, role) => upsert(await call('users:setRole', { userId, role })),
  };
});
