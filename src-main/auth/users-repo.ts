import type Database from 'better-sqlite3-multiple-ciphers';
import { statement } from '../db/statements';
import type { UserSummary } from '@common/accounts';
import type { Role } from '@common/roles';

/** A user row with its secret parts, for the auth service only. */
export interface UserRecord extends UserSummary {
  passwordHash: string;
}

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  disabled: number;
  failed_logins: number;
  locked_until: string | null;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
  must_change_password: number;
}

function toRecord(row: UserRow): UserRecord {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    passwordHash: row.password_hash,
    disabled: row.disabled === 1,
    failedLogins: row.failed_logins,
    lockedUntil: row.locked_until,
    mustChangePassword: row.must_change_password === 1,
    createdAt: row.created_at,
    lastLoginAt: row.last_login_at,
  };
}

/** Strips the secret parts of a user record. */
export function toSummary(record: UserRecord): UserSummary {
  const { passwordHash: _secret, ...summary } = record;
  return summary;
}

/** SQL for staff accounts. */
export class UsersRepo {
  constructor(private readonly db: Database.Database) {}

  count(): number {
    return (statement(this.db, 'SELECT count(*) AS n FROM users').get() as { n: number }).n;
  }

  byId(id: number): UserRecord | null {
    const row = statement<[number], UserRow>(this.db, 'SELECT * FROM users WHERE id = ?').get(id);
    return row ? toRecord(row) : null;
  }

  byUsername(username: string): UserRecord | null {
    const row = statement<[string], UserRow>(this.db, 'SELECT * FROM users WHERE username = ?').get(username);
    return row ? toRecord(row) : null;
  }

  list(): UserRecord[] {
    return statement<[], UserRow>(this.db, 'SELECT * FROM users ORDER BY id').all().map(toRecord);
  }

  /** Inserts an account; `mustChangePassword` when an administrator chose the password (not at first run). */
  insert(
    user: { username: string; displayName: string; role: Role; passwordHash: string; mustChangePassword?: boolean },
    at: string,
  ): number {
    const info = statement(
      this.db,
      `INSERT INTO users (username, display_name, role, password_hash, must_change_password, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(user.username, user.displayName, user.role, user.passwordHash, user.mustChangePassword ? 1 : 0, at, at);
    return Number(info.lastInsertRowid);
  }

  /** Counts one failed sign-in; at `maxFailures` the account locks until `lockedUntil` and the count restarts. */
  recordFailure(id: number, maxFailures: number, lockedUntil: string, at: string): { locked: boolean } {
    return this.db.transaction(() => {
      const row = statement<[string, number], { failed_logins: number }>(
        this.db,
        'UPDATE users SET failed_logins = failed_logins + 1, updated_at = ? WHERE id = ? RETURNING failed_logins',
      ).get(at, id);
      if (!row || row.failed_logins < maxFailures) return { locked: false };
      statement(this.db, 'UPDATE users SET failed_logins = 0, locked_until = ? WHERE id = ?').run(lockedUntil, id);
      return { locked: true };
    })();
  }

  /** Records a sign-in and clears the failure count, unless a lock holds at `at` (then returns false). */
  recordLogin(id: number, at: string): boolean {
    return (
      statement(
        this.db,
        `UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = ?, updated_at = ?
         WHERE id = ? AND (locked_until IS NULL OR locked_until <= ?)`,
      ).run(at, at, id, at).changes === 1
    );
  }

  setDisabled(id: number, disabled: boolean, at: string): void {
    statement(this.db, 'UPDATE users SET disabled = ?, updated_at = ? WHERE id = ?').run(disabled ? 1 : 0, at, id);
  }

  /** Sets the password; `byAdmin` marks it as one the user must change at the next sign-in. */
  setPassword(id: number, passwordHash: string, at: string, byAdmin = false): void {
    statement(
      this.db,
      `UPDATE users SET password_hash = ?, must_change_password = ?, failed_logins = 0, locked_until = NULL,
         updated_at = ? WHERE id = ?`,
    ).run(passwordHash, byAdmin ? 1 : 0, at, id);
  }

  setRole(id: number, role: Role, at: string): void {
    statement(this.db, 'UPDATE users SET role = ?, updated_at = ? WHERE id = ?').run(role, at, id);
  }

  countActiveAdmins(): number {
    return (
      statement(this.db, "SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled = 0").get() as { n: number }
    ).n;
  }
}
