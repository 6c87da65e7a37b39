import type { Result } from '@common/result';
import { call } from '../../api/call';

/** Shows this window's recovery code again; the administrator's password is re-checked (audited). */
export function showRecoveryCode(password: string): Promise<Result<{ recoveryCode: string }>> {
  return call('security:recoveryCode', { password });
}
