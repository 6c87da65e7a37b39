import type { FormInstance } from 'antd';
import type { AppErrorData } from '@common/result';
import { fieldErrors } from '../i18n/errors';

type NamePath = (string | number)[];

/** The name paths of the fields mounted in `form` (joined with dots). */
function mountedFields(form: FormInstance): Set<string> {
  const names = new Set<string>();
  // The filter sees every registered field's meta; nothing is collected through the return value.
  form.getFieldsValue(true, (meta) => {
    if (meta) names.add(meta.name.join('.'));
    return false;
  });
  return names;
}

/**
 * Shows an error's field problems beside the form's fields. `aliases` maps a server path to the
 * form's name where they differ (a service reports a weak admin password as `password`).
 * Returns whether any field on screen got a message; if not (a problem about something the form
 * does not show, e.g. the hall's sender address), the caller shows the error as a whole.
 */
export function showFieldErrors(
  form: FormInstance,
  error: AppErrorData,
  aliases: Record<string, NamePath> = {},
): boolean {
  const problems = fieldErrors(error);
  const mounted = mountedFields(form);
  const fields = [...problems]
    .map(([path, errors]) => ({ name: aliases[path] ?? path.split('.'), errors }))
    .filter((f) => mounted.has(f.name.join('.')));
  if (fields.length) form.setFields(fields);
  return fields.length > 0;
}
