import { SearchOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { CASE_OUTCOMES, CASE_SYNC_FILTERS, type CaseOutcome, type CaseSyncFilter } from '@common/cases/case-types';
import { useCatalogueStore } from '../intake/catalogue-store';
import { useCasesStore, type CaseFilters } from './store';

interface FilterFields {
  q?: string;
  outcome?: CaseOutcome;
  syncState?: CaseSyncFilter;
  matterCode?: string;
  dates?: [Dayjs | null, Dayjs | null] | null;
  clerkId?: number;
}

/** One search box (回执号 / 证件号码 / 姓名 / 手机号) and the filters: 结果, 同步状态, 事项, 日期范围, 受理人 (supervisors). */
export function CaseFilterBar({
  showClerk,
  initial,
  onSearch,
}: {
  showClerk: boolean;
  initial?: CaseFilters;
  onSearch(filters: CaseFilters): void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FilterFields>();
  const catalogue = useCatalogueStore((s) => s.catalogue);
  const clerks = useCasesStore((s) => s.clerks);

  const submit = ({ q, outcome, syncState, matterCode, dates, clerkId }: FilterFields) => {
    const [from, to] = dates ?? [];
    onSearch({
      q: q?.trim() || undefined,
      outcome,
      syncState,
      matterCode,
      from: from?.format('YYYY-MM-DD'),
      to: to?.format('YYYY-MM-DD'),
      clerkId,
    });
  };

  return (
    <Form
      form={form}
      name="caseFilters"
      layout="inline"
      onFinish={submit}
      className="filter-bar"
      initialValues={{ outcome: initial?.outcome, syncState: initial?.syncState, q: initial?.q }}
    >
      <Form.Item label={t('cases.filters.search')} name="q">
        <Input
          allowClear
          prefix={<SearchOutlined aria-hidden />}
          placeholder={t('cases.filters.searchPlaceholder')}
          style={{ width: 270 }}
          autoComplete="off"
          data-shortcut="search"
        />
      </Form.Item>
      <Form.Item label={t('cases.filters.outcome')} name="outcome">
        <Select
          allowClear
          placeholder={t('cases.filters.all')}
          style={{ width: 110 }}
          options={CASE_OUTCOMES.map((o) => ({ value: o, label: t(`cases.outcomes.${o}`) }))}
        />
      </Form.Item>
      <Form.Item label={t('cases.filters.sync')} name="syncState">
        <Select
          allowClear
          placeholder={t('cases.filters.all')}
          style={{ width: 130 }}
          popupMatchSelectWidth={false}
          options={CASE_SYNC_FILTERS.map((s) => ({ value: s, label: t(`cases.syncStates.${s}`) }))}
        />
      </Form.Item>
      <Form.Item label={t('cases.filters.matter')} name="matterCode">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('cases.filters.all')}
          style={{ width: 200 }}
          popupMatchSelectWidth={false}
          options={(catalogue?.matters ?? []).map((m) => ({ value: m.code, label: m.name }))}
        />
      </Form.Item>
      <Form.Item label={t('cases.filters.dates')} name="dates">
        <DatePicker.RangePicker
          placeholder={[t('cases.filters.startDate'), t('cases.filters.endDate')]}
          allowEmpty={[true, true]}
          style={{ width: 240 }}
        />
      </Form.Item>
      {showClerk && (
        <Form.Item label={t('cases.filters.clerk')} name="clerkId">
          <Select
            allowClear
            placeholder={t('cases.filters.all')}
            style={{ width: 120 }}
            options={clerks.map((c) => ({ value: c.id, label: c.name }))}
          />
        </Form.Item>
      )}
      <Form.Item>
        <Button type="primary" htmlType="submit" icon={<SearchOutlined aria-hidden />}>
          {t('cases.filters.submit')}
        </Button>
      </Form.Item>
      <Form.Item>
        <Button
          onClick={() => {
            form.resetFields();
            onSearch({});
          }}
        >
          {t('cases.filters.reset')}
        </Button>
      </Form.Item>
    </Form>
  );
}
