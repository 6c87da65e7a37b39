import { Cascader } from 'antd';
import { useCatalogueStore } from './catalogue-store';
import { divisionPath, type DivisionOption } from './divisions';

interface DivisionCascaderProps {
  id: string;
  value: string;
  placeholder?: string;
  onChange(code: string): void;
  'aria-invalid'?: boolean | undefined;
  'aria-describedby'?: string | undefined;
}

/** Province / city / county from the division list; any level may be chosen, and names can be typed to search. */
export function DivisionCascader({ id, value, placeholder, onChange, ...aria }: DivisionCascaderProps) {
  const options = useCatalogueStore((s) => s.divisionOptions);
  return (
    <Cascader<DivisionOption>
      {...aria}
      id={id}
      options={options}
      value={value ? divisionPath(value) : []}
      changeOnSelect
      allowClear
      placeholder={placeholder}
      showSearch={{ filter: (input, path) => path.some((o) => String(o.label).includes(input.trim())), limit: 30 }}
      displayRender={(labels) => labels.join(' / ')}
      onChange={(path) => onChange((path as string[] | undefined)?.at(-1) ?? '')}
      style={{ width: '100%' }}
    />
  );
}
