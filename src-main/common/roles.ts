/** Staff roles, from least to most privileged in administration. */
export const ROLES = ['clerk', 'helper', 'supervisor', 'admin'] as const;

/** A staff role. */
export type Role = (typeof ROLES)[number];

/** Chinese names of the roles, as shown to staff. */
export const ROLE_LABELS_ZH: Record<Role, string> = {
  clerk: '窗口受理员',
  helper: '乡镇帮办员',
  supervisor: '值班主管',
  admin: '系统管理员',
};

/** Roles that work at the counter (file cases). */
export const COUNTER_ROLES: readonly Role[] = ['clerk', 'helper', 'supervisor'];

/** Roles that supervise (ledgers, audit). */
export const SUPERVISING_ROLES: readonly Role[] = ['supervisor', 'admin'];
