import { SearchOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useLedgerStore, type LedgerScope } from './ledger-store';

interface Values {
  mode: 'day' | 'range';
  date?: Dayjs | null;
  dates?: [Dayjs | null, Dayjs | null] | null;
  windowCode?: string;
  clerkId?: number;
}

const NO_CLERKS: never[] = [];
const iso = (d: Dayjs) => d.format('YYYY-MM-DD');

/** One day (default today) or a range, optionally one window or one clerk. */
export function LedgerFilters() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const scope = useLedgerStore((s) => s.scope);
  const clerks = useLedgerStore((s) => s.view?.summary.byClerk) ?? NO_CLERKS;
  const load = useLedgerStore((s) => s.load);
  const mode = Form.useWatch('mode', form) ?? 'day';

  const submit = (v: Values) => {
    const next: LedgerScope = {};
    if (v.mode === 'range' && v.dates?.[0] && v.dates[1]) {
      next.from = iso(v.dates[0]);
      next.to = iso(v.dates[1]);
    } else next.date = iso(v.date ?? dayjs());
    const windowCode = v.windowCode?.trim().toUpperCase();
    if (windowCode) next.windowCode = windowCode;
    if (v.clerkId) next.clerkId = v.clerkId;
    void load(next);
  };

  return (
    <Form<Values>
      form={form}
      name="ledgerFilters"
      layout="inline"
      initialValues={{ mode: 'day', date: dayjs(scope.date ?? scope.from) }}
      onFinish={submit}
      style={{ rowGap: 12 }}
    >
      <Form.Item label={t('supervisor.ledger.scope')} name="mode">
        <Radio.Group
          optionType="button"
          options={[
            { value: 'day', label: t('supervisor.ledger.oneDay') },
            { value: 'range', label: t('supervisor.ledger.range') },
          ]}
        />
      </Form.Item>
      {mode === 'day' ? (
        <Form.Item label={t('supervisor.ledger.date')} name="date">
          <DatePicker allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
      ) : (
        <Form.Item label={t('supervisor.ledger.range')} name="dates">
          <DatePicker.RangePicker
            placeholder={[t('supervisor.ledger.from'), t('supervisor.ledger.to')]}
            style={{ width: 250 }}
          />
        </Form.Item>
      )}
      <Form.Item label={t('supervisor.ledger.window')} name="windowCode">
        <Input allowClear placeholder={t('supervisor.ledger.all')} style={{ width: 120 }} autoComplete="off" />
      </Form.Item>
      <Form.Item label={t('supervisor.ledger.clerk')} name="clerkId">
        <Select
          allowClear
          placeholder={t('supervisor.ledger.all')}
          style={{ width: 130 }}
          options={clerks.map((c) => ({ value: c.clerkId, label: c.clerkName }))}
        />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
          {t('supervisor.ledger.query')}
        </Button>
      </Form.Item>
    </Form>
  );
}
