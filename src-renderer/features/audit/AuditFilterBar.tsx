import { SearchOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { AUDIT_ACTION_LABELS_ZH } from '@common/audit';
import { auditActionLabel } from '../../i18n';
import type { AuditFilters } from './store';

interface FilterFields {
  actor?: string;
  action?: string;
  dates?: [Dayjs | null, Dayjs | null] | null;
}

/** 操作人, 操作, 日期范围 (China days). */
export function AuditFilterBar({ onSearch }: { onSearch(filters: AuditFilters): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FilterFields>();

  const submit = ({ actor, action, dates }: FilterFields) => {
    const [from, to] = dates ?? [];
    onSearch({
      actor: actor?.trim() || undefined,
      action: action || undefined,
      from: from?.format('YYYY-MM-DD'),
      to: to?.format('YYYY-MM-DD'),
    });
  };

  return (
    <Form form={form} name="auditFilters" layout="inline" onFinish={submit} style={{ rowGap: 12 }}>
      <Form.Item label={t('audit.actor')} name="actor">
        <Input allowClear style={{ width: 140 }} />
      </Form.Item>
      <Form.Item label={t('audit.action')} name="action">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('audit.allActions')}
          style={{ width: 180 }}
          options={Object.keys(AUDIT_ACTION_LABELS_ZH).map((action) => ({
            value: action,
            label: auditActionLabel(action),
          }))}
        />
      </Form.Item>
      <Form.Item label={t('audit.dateRange')} name="dates">
        <DatePicker.RangePicker placeholder={[t('audit.startDate'), t('audit.endDate')]} allowEmpty={[true, true]} />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
          {t('audit.search')}
        </Button>
      </Form.Item>
      <Form.Item>
        <Button
          onClick={() => {
            form.resetFields();
            onSearch({});
          }}
        >
          {t('audit.reset')}
        </Button>
      </Form.Item>
    </Form>
  );
}
