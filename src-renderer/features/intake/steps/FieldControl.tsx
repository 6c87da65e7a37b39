import { DatePicker, Input, Select } from 'antd';
import dayjs from 'dayjs';
import type { FormField } from '@tongban/protocol/catalogue/schema';
import { DivisionCascader } from '../DivisionCascader';

interface FieldControlProps {
  field: FormField;
  id: string;
  value: string;
  onChange(value: string): void;
  /** The field was visited: show its problems from now on. */
  onVisited(): void;
  /** Set by Field when the check finds a problem: passed on to the control screen readers focus. */
  'aria-invalid'?: boolean | undefined;
  'aria-describedby'?: string | undefined;
}

/** The input for one field of a situation's form, by its kind; every value is kept as text. */
export function FieldControl({ field, id, value, onChange, onVisited, ...aria }: FieldControlProps) {
  const chosen = (v: string) => {
    onChange(v);
    onVisited();
  };
  const text = (props: {
    maxLength?: number | undefined;
    inputMode?: 'numeric' | 'decimal' | 'tel';
    upper?: boolean;
  }) => (
    <Input
      {...aria}
      id={id}
      value={value}
      maxLength={props.maxLength}
      inputMode={props.inputMode}
      autoComplete="off"
      onChange={(e) => onChange(props.upper ? e.target.value.toUpperCase() : e.target.value)}
      onBlur={onVisited}
    />
  );

  switch (field.kind) {
    case 'textarea':
      return (
        <Input.TextArea
          {...aria}
          id={id}
          value={value}
          rows={3}
          maxLength={field.maxLength ?? 2000}
          onChange={(e) => onChange(e.target.value)}
          onBlur={onVisited}
        />
      );
    case 'select':
      return (
        <Select
          {...aria}
          id={id}
          value={value || undefined}
          allowClear
          options={(field.options ?? []).map((o) => ({ value: o, label: o }))}
          onChange={(v?: string) => chosen(v ?? '')}
        />
      );
    case 'division':
      return <DivisionCascader {...aria} id={id} value={value} onChange={chosen} />;
    case 'date':
      return (
        <DatePicker
          {...aria}
          id={id}
          value={/^\d{4}-\d{2}-\d{2}$/.test(value) && dayjs(value).isValid() ? dayjs(value) : null}
          format="YYYY-MM-DD"
          style={{ width: '100%' }}
          onChange={(d) => chosen(d ? d.format('YYYY-MM-DD') : '')}
        />
      );
    case 'id-number':
    case 'uscc':
      return text({ maxLength: 18, upper: true });
    case 'mobile':
      return text({ maxLength: 16, inputMode: 'tel' });
    case 'landline':
      return text({ maxLength: 24, inputMode: 'tel' });
    case 'postcode':
      return text({ maxLength: 6, inputMode: 'numeric' });
    case 'number':
      return text({ maxLength: 20, inputMode: 'decimal' });
    case 'person-name':
      return text({ maxLength: field.maxLength ?? 50 });
    case 'text':
      return text({ maxLength: field.maxLength ?? 2000 });
  }
}
