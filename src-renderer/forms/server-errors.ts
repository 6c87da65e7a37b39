import type { FormInstance } from 'antd';
import type { AppErrorData } from '@common/result';
import { fieldErrors } from '../i18n/errors';

type NamePath = (string | number)[];

/**
 * Shows an error's field problems beside the form's fields. `aliases` maps a server path to the
 * form's name where they differ (a service reports a weak admin password as `password`).
 * Returns whether any field got a message; if not, the caller shows the error as a whole.
 */
export function showFieldErrors(
  form: FormInstance,
  error: AppErrorData,
  aliases: Record<string, NamePath> = {},
): boolean {
  const problems = fieldErrors(error);
  const fields = [...problems].map(([path, errors]) => ({ name: aliases[path] ?? path.split('.'), errors }));
  if (fields.length) form.setFields(fields);
  return fields.length > 0;
}
