// 政务服务管理 supervision accounts: rows of the reviewers table with a supervisor role, so they share the
// department login (throttle, lockout, sessions, CSRF). A district supervisor is scoped to its districts; the
// city supervisor sees all. Created only by the CLI (`add-supervisor`), never from a page.
import type pg from 'pg';
import { reviewerPasswordProblems } from '../department/login-guard';
import { hashPassword } from '../department/passwords';
import type { ReviewerSession } from '../department/sessions';
import { audit } from '../audit';

/** The department_id of supervisor rows (never a department id: those are upper-case ASCII). */
export const SUPERVISION_UNIT = '政务服务管理';

/** A supervisor role. */
export type SupervisorRole = 'district-supervisor' | 'city-supervisor';

/** Creates a supervisor; a district supervisor needs at least one 6-digit district. Returns its id. */
export async function addSupervisor(
  pool: pg.Pool,
  username: string,
  password: string,
  role: SupervisorRole,
  districts: readonly string[],
): Promise<number> {
  const problems = reviewerPasswordProblems(password, username);
  if (problems.length) throw new Error(`密码不符合要求：${problems.join('；')}`);
  if (role === 'district-supervisor' && (districts.length === 0 || districts.some((d) => !/^\d{6}$/.test(d))))
    throw new Error('区县监督账号须指定一个或多个 6 位区县代码（--district 500101,500102）');
  const { rows } = await pool.query<{ reviewer_id: number }>(
    `INSERT INTO reviewers (username, password_hash, department_id, role, districts)
     VALUES ($1, $2, $3, $4, $5) RETURNING reviewer_id`,
    [
      username,
      await hashPassword(password),
      SUPERVISION_UNIT,
      role,
      role === 'city-supervisor' ? null : [...new Set(districts)],
    ],
  );
  const id = (rows[0] as { reviewer_id: number }).reviewer_id;
  await audit(pool, {
    actor: 'cli',
    action: 'supervision.account-created',
    target: `reviewer:${id}`,
    details: { role, districts: role === 'city-supervisor' ? null : districts },
  });
  return id;
}

/** Whether a session is a supervisor's. */
export const isSupervisor = (user: ReviewerSession | null): boolean =>
  user?.role === 'district-supervisor' || user?.role === 'city-supervisor';

/** Whether a session is the city supervisor's. */
export const isCitySupervisor = (user: ReviewerSession | null): boolean => user?.role === 'city-supervisor';

/**
 * The districts a request may look at: the asked district when the account may see it, else all of the
 * account's (null = every district, city only); `false` when the asked district is outside the account's scope.
 */
export function scopedDistricts(user: ReviewerSession, asked: string | null): string[] | null | false {
  const own = user.role === 'city-supervisor' ? null : (user.districts ?? []);
  if (asked === null) return own;
  if (own !== null && !own.includes(asked)) return false;
  return [asked];
}

/**
 * Which department pages an account may open: reviewers never the supervision pages, supervisors only those (and
 * logout). 'elsewhere' = a supervisor on a reviewer page (sent to the dashboard).
 */
export function pageGate(user: ReviewerSession, url: string): 'ok' | 'elsewhere' | 'forbidden' {
  const path = url.split('?')[0] as string;
  const supervision = path === '/dept/supervision' || path.startsWith('/dept/supervision/');
  if (!isSupervisor(user)) return supervision ? 'forbidden' : 'ok';
  return supervision || path === '/dept/logout' ? 'ok' : 'elsewhere';
}
