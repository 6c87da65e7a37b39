import { CalendarOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Modal, Popconfirm, Radio, Space, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppointmentView } from '@common/hall-services';
import { chinaDate } from '@common/time';
import { showFieldErrors } from '../../forms/server-errors';
import { requiredRule } from '../../forms/rules';
import { errorMessage } from '../../i18n/errors';
import { useAppointmentsStore } from './store';

interface BookFields {
  serviceDate: string;
  serviceTime: string;
  kind: 'staggered' | 'extended';
  applicantName: string;
  applicantPhone: string;
  note?: string;
}

function BookDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<BookFields>();
  const book = useAppointmentsStore((s) => s.book);
  const [error, setError] = useState<string | null>(null);
  const submit = async (v: BookFields) => {
    const result = await book({ ...v, ...(v.note ? { note: v.note } : { note: undefined }) });
    if (result.ok) {
      form.resetFields();
      setError(null);
      onClose();
    } else if (!(result.error.code === 'invalid-input' && showFieldErrors(form, result.error)))
      setError(errorMessage(result.error));
  };
  return (
    <Modal
      open={open}
      title={t('hall.appointments.book')}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
      okText={t('hall.appointments.book')}
    >
      <Form
        form={form}
        layout="vertical"
        name="appointment"
        onFinish={submit}
        initialValues={{ serviceDate: chinaDate(new Date()), kind: 'extended' }}
      >
        <Space>
          <Form.Item label={t('hall.appointments.date')} name="serviceDate" rules={[requiredRule()]}>
            <Input type="date" autoFocus />
          </Form.Item>
          <Form.Item label={t('hall.appointments.time')} name="serviceTime" rules={[requiredRule()]}>
            <Input type="time" />
          </Form.Item>
        </Space>
        <Form.Item label={t('hall.appointments.kind')} name="kind">
          <Radio.Group
            options={(['extended', 'staggered'] as const).map((k) => ({
              value: k,
              label: t(`hall.appointments.kinds.${k}`),
            }))}
          />
        </Form.Item>
        <Form.Item label={t('hall.appointments.name')} name="applicantName" rules={[requiredRule()]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('hall.appointments.phone')} name="applicantPhone" rules={[requiredRule()]}>
          <Input autoComplete="off" inputMode="tel" />
        </Form.Item>
        <Form.Item label={t('hall.appointments.note')} name="note">
          <Input maxLength={200} />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} />}
      </Form>
    </Modal>
  );
}

/** 工作台: today's 错时/延时 appointments (name and phone masked), booked here, served into a new case. */
export function AppointmentsCard() {
  const { t } = useTranslation();
  const { items, error, load, cancel, serve } = useAppointmentsStore();
  const [booking, setBooking] = useState(false);
  useEffect(() => void load(chinaDate(new Date())), [load]);
  const columns = [
    { key: 'time', title: t('hall.appointments.time'), dataIndex: 'serviceTime', width: 80 },
    {
      key: 'kind',
      title: t('hall.appointments.kind'),
      render: (_: unknown, a: AppointmentView) => <Tag color="purple">{t(`hall.appointments.kinds.${a.kind}`)}</Tag>,
    },
    { key: 'name', title: t('hall.appointments.name'), dataIndex: 'applicantNameMasked' },
    { key: 'phone', title: t('hall.appointments.phone'), dataIndex: 'applicantPhoneMasked' },
    {
      key: 'matter',
      title: t('hall.appointments.matterColumn'),
      render: (_: unknown, a: AppointmentView) => a.matterName ?? '—',
    },
    {
      key: 'state',
      title: '',
      render: (_: unknown, a: AppointmentView) =>
        a.state === 'booked' ? (
          <Space>
            <Button type="primary" size="small" onClick={() => void serve(a.appointmentId)}>
              {t('hall.appointments.serve')}
            </Button>
            <Popconfirm title={t('hall.appointments.cancel')} onConfirm={() => void cancel(a.appointmentId)}>
              <Button size="small">{t('hall.appointments.cancel')}</Button>
            </Popconfirm>
          </Space>
        ) : (
          <Tag>{t(`hall.appointments.states.${a.state}`)}</Tag>
        ),
    },
  ];
  return (
    <Card
      title={t('hall.appointments.title')}
      extra={
        <Button icon={<CalendarOutlined aria-hidden />} onClick={() => setBooking(true)}>
          {t('hall.appointments.book')}
        </Button>
      }
    >
      {error && <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 12 }} />}
      <Table
        size="small"
        rowKey="appointmentId"
        pagination={false}
        dataSource={items}
        columns={columns}
        locale={{ emptyText: t('hall.appointments.empty') }}
      />
      <BookDialog open={booking} onClose={() => setBooking(false)} />
    </Card>
  );
}
