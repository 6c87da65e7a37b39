import { Card, Col, Descriptions, Form, Input, Row, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatTodayLong } from '../../i18n/datetime';
import { useAuthStore } from '../auth/store';
import { useAppInfoStore } from '../setup/store';
import { SyncBadge } from '../shell/SyncBadge';
import { useHomeStore } from './store';
import { TodoCard } from './TodoCard';
import { AppointmentsCard } from '../appointments/AppointmentsCard';
import { TicketsCard } from '../tickets/TicketsCard';

/** The workbench: a welcome for the role, today's date, the hall, and a scratch pad for work notes. */
export function HomePage() {
  const { t, i18n } = useTranslation();
  const user = useAuthStore((s) => s.session?.user);
  const hall = useAppInfoStore((s) => s.info?.hall);
  const workNote = useHomeStore((s) => s.workNote);
  const setWorkNote = useHomeStore((s) => s.setWorkNote);
  if (!user) return <></>;

  return (
    <Row gutter={[24, 24]}>
      <Col span={24}>
        <Card>
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            {t('home.greeting', { name: user.displayName })} <Tag color="blue">{t(`roles.${user.role}`)}</Tag>
          </Typography.Title>
          <Typography.Paragraph style={{ fontSize: 'var(--fs-lead)', marginBottom: 8 }}>
            {t('home.today', { date: formatTodayLong(i18n.language) })}
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {t(`home.roleIntro.${user.role}`)}
          </Typography.Paragraph>
        </Card>
      </Col>
      {(user.role === 'clerk' || user.role === 'helper') && (
        <Col span={24}>
          <TodoCard />
        </Col>
      )}
      {user.role !== 'admin' && (
        <Col span={24}>
          <TicketsCard />
        </Col>
      )}
      {user.role !== 'admin' && (
        <Col span={24}>
          <AppointmentsCard />
        </Col>
      )}
      <Col xs={24} lg={14}>
        <Card title={t('home.notesCard')}>
          <Form layout="vertical" name="workbench">
            <Form.Item
              label={t('home.notes')}
              htmlFor="work-note"
              extra={t('home.notesHelp')}
              style={{ marginBottom: 0 }}
            >
              <Input.TextArea
                id="work-note"
                rows={8}
                value={workNote}
                placeholder={t('home.notesPlaceholder')}
                onChange={(e) => setWorkNote(e.target.value)}
              />
            </Form.Item>
          </Form>
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card title={t('settings.hallSection')}>
          {hall && (
            <Descriptions
              column={1}
              size="small"
              bordered
              items={[
                { key: 'name', label: t('setup.hallName'), children: hall.name },
                { key: 'division', label: t('setup.divisionCode'), children: hall.divisionCode },
                { key: 'window', label: t('setup.windowNo'), children: hall.windowNo },
                { key: 'code', label: t('setup.windowCode'), children: hall.windowCode },
                { key: 'gateway', label: t('home.gateway'), children: <SyncBadge tone="light" /> },
              ]}
            />
          )}
        </Card>
      </Col>
    </Row>
  );
}
