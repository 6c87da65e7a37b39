import type Database from 'better-sqlite3-multiple-ciphers';
import { CONFLICT_REASONS, passwordProblems, type SessionInfo, type UserSummary } from '@common/accounts';
import { AppError } from '@common/errors';
import type { SecurityPolicy } from '@common/hall';
import type { AuditLog, Actor } from '../audit/audit-log';
import type { SettingsStore } from '../settings/settings-store';
import { AccountQueue } from './account-queue';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password';
import { Sessions, type Session } from './sessions';
import { toSummary, UsersRepo, type UserRecord } from './users-repo';

/** A session resolved for the gate: the user as stored now, and whether the screen is locked. */
export interface ActiveSession {
  session: Session;
  user: UserRecord;
}

/** Sign-in, lockout, idle lock and sessions. */
export class AuthService {
  readonly users: UsersRepo;
  private readonly sessions: Sessions;
  /** Sign-in, unlock and password checks of one account run one after another (issue #15). */
  private readonly queue = new AccountQueue();

  constructor(
    private readonly db: Database.Database,
    private readonly audit: AuditLog,
    private readonly settings: SettingsStore,
    private readonly now: () => Date,
    private readonly onIdleLock: (callerId: string) => void = () => undefined,
    private readonly firstPasswordChange = true,
  ) {
    this.users = new UsersRepo(db);
    this.sessions = new Sessions(() => now().getTime());
  }

  private policy(): SecurityPolicy {
    return this.settings.security();
  }

  /** The caller's session with its current user; ends it if the account was disabled or removed. */
  resolve(callerId: string): ActiveSession | null {
    const found = this.sessions.get(callerId, this.policy().idleLockMinutes * 60_000);
    if (!found) return null;
    const { session, idleLocked } = found;
    const user = this.users.byId(session.userId);
    if (!user || user.disabled) {
      this.sessions.end(callerId);
      return null;
    }
    if (idleLocked) {
      this.audit.append({
        actor: { id: user.id, name: user.username },
        action: 'auth.lock',
        target: `user:${user.id}`,
        details: { reason: 'idle' },
      });
      this.onIdleLock(callerId);
    }
    return { session, user };
  }

  /** Whether the caller is a signed-in, unlocked staff session right now (no side effects: for event fan-out). */
  /** Callers with a session, locked or not (a mode switch is refused while another one exists). */
  signedInCallers(): string[] {
    return this.sessions.callers();
  }

  isSignedIn(callerId: string): boolean {
    const session = this.sessions.peek(callerId);
    if (!session || session.locked) return false;
    if (this.now().getTime() - session.lastActivity > this.policy().idleLockMinutes * 60_000) return false;
    const user = this.users.byId(session.userId);
    return user !== null && !user.disabled;
  }

  touch(active: ActiveSession): void {
    this.sessions.touch(active.session);
  }

  info(active: ActiveSession): SessionInfo {
    const { id, username, displayName, role } = active.user;
    return {
      user: { id, username, displayName, role },
      locked: active.session.locked,
      idleLockMinutes: this.policy().idleLockMinutes,
      mustChangePassword: this.mustChangePassword(active),
    };
  }

  /** Whether the user must replace an administrator-set password before anything else (the gate refuses the rest). */
  mustChangePassword(active: ActiveSession): boolean {
    return this.firstPasswordChange && active.user.mustChangePassword;
  }

  /** The account's lock, if it holds at `at`: audited as a refused attempt. */
  private refuseIfLocked(user: UserRecord, at: Date): void {
    if (!user.lockedUntil || Date.parse(user.lockedUntil) <= at.getTime()) return;
    this.audit.append({
      actor: { id: user.id, name: user.username },
      action: 'auth.login-failed',
      target: `user:${user.id}`,
      details: { reason: 'locked' },
    });
    throw new AppError('account-locked', 'account is locked', { until: user.lockedUntil });
  }

  /**
   * Checks a password against the account, counting failures toward a lockout. Callers run it inside
   * `queue.run` for the account, so no other attempt on it is in flight; the lock is still read again after
   * the (asynchronous) hash comparison, so a lock set meanwhile by any path wins over a right password.
   */
  private async checkPassword(userId: number | null, password: string): Promise<UserRecord> {
    const before = userId === null ? null : this.users.byId(userId);
    if (before) this.refuseIfLocked(before, this.now());
    const matches = await verifyPassword(password, before?.passwordHash ?? DUMMY_HASH);
    const at = this.now();
    const user = userId === null ? null : this.users.byId(userId);
    if (!user) {
      this.audit.append({
        actor: { id: null, name: 'unknown' },
        action: 'auth.login-failed',
        details: { reason: 'unknown-user' },
      });
      throw new AppError('invalid-credentials', 'wrong user name or password');
    }
    this.refuseIfLocked(user, at);
    if (!matches) {
      const policy = this.policy();
      const until = new Date(at.getTime() + policy.lockoutMinutes * 60_000).toISOString();
      const actor = { id: user.id, name: user.username };
      const { locked } = this.db.transaction(() => {
        const result = this.users.recordFailure(user.id, policy.maxFailedLogins, until, at.toISOString());
        this.audit.append({
          actor,
          action: 'auth.login-failed',
          target: `user:${user.id}`,
          details: { reason: 'wrong-password' },
        });
        if (result.locked)
          this.audit.append({ actor, action: 'auth.account-locked', target: `user:${user.id}`, details: { until } });
        return result;
      })();
      if (locked) throw new AppError('account-locked', 'too many failed sign-ins; account locked', { until });
      throw new AppError('invalid-credentials', 'wrong user name or password');
    }
    if (user.disabled) {
      this.audit.append({
        actor: { id: user.id, name: user.username },
        action: 'auth.login-failed',
        target: `user:${user.id}`,
        details: { reason: 'disabled' },
      });
      throw new AppError('account-disabled', 'account is disabled');
    }
    return user;
  }

  /** The queue key of an account; unknown names queue by name so guessing them is serialised too. */
  private static keyOf(user: UserRecord | null, username: string): string {
    return user ? `user:${user.id}` : `name:${username}`;
  }

  async login(callerId: string, username: string, password: string): Promise<SessionInfo> {
    const found = this.users.byUsername(username);
    return this.queue.run(AuthService.keyOf(found, username), async () => {
      const user = await this.checkPassword(found?.id ?? null, password);
      const at = this.now();
      this.db.transaction(() => {
        // Clears failures only while no lock holds: a success never lifts a lock it did not precede.
        if (!this.users.recordLogin(user.id, at.toISOString()))
          throw new AppError('account-locked', 'account is locked', { until: this.users.byId(user.id)?.lockedUntil });
        this.audit.append({
          actor: { id: user.id, name: user.username },
          action: 'auth.login',
          target: `user:${user.id}`,
        });
      })();
      const session = this.sessions.start(callerId, user.id);
      return this.info({ session, user });
    });
  }

  logout(callerId: string): void {
    const active = this.resolve(callerId);
    if (active) this.audit.append({ actor: actorOf(active), action: 'auth.logout', target: `user:${active.user.id}` });
    this.sessions.end(callerId);
  }

  lock(active: ActiveSession): void {
    if (!active.session.locked)
      this.audit.append({ actor: actorOf(active), action: 'auth.lock', target: `user:${active.user.id}` });
    active.session.locked = true;
  }

  /** Unlocks the caller's screen with the signed-in user's password; failures count toward the lockout. */
  async unlock(callerId: string, active: ActiveSession, password: string): Promise<SessionInfo> {
    return this.queue.run(`user:${active.user.id}`, async () => {
      try {
        await this.checkPassword(active.user.id, password);
      } catch (err) {
        if (err instanceof AppError && (err.code === 'account-locked' || err.code === 'account-disabled'))
          this.sessions.end(callerId);
        throw err;
      }
      const current = this.resolve(callerId);
      if (!current || current.session !== active.session)
        throw new AppError('unauthenticated', 'the session ended while the password was checked');
      active.session.locked = false;
      this.sessions.touch(active.session);
      this.audit.append({ actor: actorOf(active), action: 'auth.unlock', target: `user:${active.user.id}` });
      return this.info(active);
    });
  }

  /** Re-checks the signed-in user's password before a sensitive action (failures count toward the lockout). */
  async confirmPassword(active: ActiveSession, password: string): Promise<void> {
    await this.queue.run(`user:${active.user.id}`, () => this.checkPassword(active.user.id, password));
  }

  async changePassword(active: ActiveSession, currentPassword: string, newPassword: string): Promise<void> {
    await this.queue.run(`user:${active.user.id}`, () => this.checkPassword(active.user.id, currentPassword));
    requireStrong(newPassword, active.user.username, 'newPassword');
    if (newPassword === currentPassword)
      throw new AppError('weak-password', 'the new password is the old one', {
        fields: [{ path: 'newPassword', code: 'password-unchanged' }],
      });
    const hash = await hashPassword(newPassword);
    this.db.transaction(() => {
      this.users.setPassword(active.user.id, hash, this.now().toISOString());
      this.audit.append({ actor: actorOf(active), action: 'auth.change-password', target: `user:${active.user.id}` });
    })();
  }

  /** Creates an account; the caller has been checked to be an administrator. */
  async createUser(
    actor: Actor,
    input: { username: string; displayName: string; role: UserRecord['role']; password: string },
  ): Promise<UserSummary> {
    requireStrong(input.password, input.username);
    if (this.users.byUsername(input.username))
      throw new AppError('conflict', 'user name taken', { fields: [{ path: 'username', code: 'username-taken' }] });
    const passwordHash = await hashPassword(input.password);
    const id = this.db.transaction(() => {
      const newId = this.users.insert({ ...input, passwordHash, mustChangePassword: true }, this.now().toISOString());
      this.audit.append({
        actor,
        action: 'users.create',
        target: `user:${newId}`,
        details: { username: input.username, role: input.role },
      });
      return newId;
    })();
    return toSummary(this.mustGet(id));
  }

  setDisabled(actor: Actor, userId: number, disabled: boolean): UserSummary {
    const user = this.mustGet(userId);
    if (disabled && user.id === actor.id)
      throw new AppError('conflict', 'cannot disable yourself', { reason: CONFLICT_REASONS.self });
    if (disabled && user.role === 'admin' && this.users.countActiveAdmins() <= 1)
      throw new AppError('conflict', 'last administrator', { reason: CONFLICT_REASONS.lastAdmin });
    this.db.transaction(() => {
      this.users.setDisabled(userId, disabled, this.now().toISOString());
      this.audit.append({ actor, action: disabled ? 'users.disable' : 'users.enable', target: `user:${userId}` });
    })();
    if (disabled) this.sessions.endAllOf(userId);
    return toSummary(this.mustGet(userId));
  }

  async resetPassword(actor: Actor, userId: number, newPassword: string): Promise<UserSummary> {
    const user = this.mustGet(userId);
    requireStrong(newPassword, user.username, 'newPassword');
    const hash = await hashPassword(newPassword);
    this.db.transaction(() => {
      // Yourself included: a password someone typed for you is not yours until you change it.
      this.users.setPassword(userId, hash, this.now().toISOString(), true);
      this.audit.append({ actor, action: 'users.reset-password', target: `user:${userId}` });
    })();
    return toSummary(this.mustGet(userId));
  }

  setRole(actor: Actor, userId: number, role: UserRecord['role']): UserSummary {
    const user = this.mustGet(userId);
    if (user.role === 'admin' && role !== 'admin' && this.users.countActiveAdmins() <= 1)
      throw new AppError('conflict', 'last administrator', { reason: CONFLICT_REASONS.lastAdmin });
    this.db.transaction(() => {
      this.users.setRole(userId, role, this.now().toISOString());
      this.audit.append({
        actor,
        action: 'users.set-role',
        target: `user:${userId}`,
        details: { from: user.role, to: role },
      });
    })();
    return toSummary(this.mustGet(userId));
  }

  private mustGet(userId: number): UserRecord {
    const user = this.users.byId(userId);
    if (!user) throw new AppError('not-found', 'no such user');
    return user;
  }
}

/** The audit actor for a session. */
export function actorOf(active: ActiveSession): Actor {
  return { id: active.user.id, name: active.user.username };
}

/** Throws `weak-password` with the rules the password breaks. */
export function requireStrong(password: string, username: string, path = 'password'): void {
  const problems = passwordProblems(password, username);
  if (problems.length)
    throw new AppError('weak-password', 'password too weak', { fields: problems.map((code) => ({ path, code })) });
}
