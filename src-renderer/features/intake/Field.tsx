import { Form } from 'antd';
import { cloneElement, isValidElement, type ReactNode } from 'react';
import { fieldMessage } from '../../i18n/errors';
import { useFieldIssues } from './use-check';

interface FieldProps {
  /** The input's id, tied to the visible label. */
  id: string;
  label: ReactNode;
  /** The application path whose problems are shown here (`applicant.idNumber`, `form.insuredDivision`). */
  path: string;
  required?: boolean;
  extra?: ReactNode;
  children: ReactNode;
}

/** A labelled input with the formal check's errors (red) or warnings (amber) beside it, in the UI language. */
export function Field({ id, label, path, required, extra, children }: FieldProps) {
  const { errors, warnings } = useFieldIssues(path);
  const messages = (errors.length ? errors : warnings).map((code) => fieldMessage(code));
  const helpId = `${id}-help`;
  // Screen readers hear that the field is wrong and why: aria-invalid on the control, the message
  // tied to it and announced as it appears (role=alert for errors, not for advisory warnings).
  const control =
    isValidElement<Record<string, unknown>>(children) && messages.length
      ? cloneElement(children, {
          'aria-invalid': errors.length > 0 || undefined,
          'aria-describedby': helpId,
        })
      : children;
  return (
    <Form.Item
      label={label}
      htmlFor={id}
      required={required}
      validateStatus={errors.length ? 'error' : warnings.length ? 'warning' : undefined}
      help={
        messages.length ? (
          <div id={helpId} role={errors.length ? 'alert' : undefined}>
            {messages.map((m) => (
              <div key={m}>{m}</div>
            ))}
          </div>
        ) : undefined
      }
      extra={extra}
    >
      {control}
    </Form.Item>
  );
}
