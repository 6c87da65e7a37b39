import { Alert, Button, Card, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketInbox } from '@common/tickets';
import { api, call } from '../../api/call';
import { openCasesWith } from '../cases/store';
import { useCasesStore } from '../cases/store';
import { TicketItem } from './TicketItem';

/** The 工作台's 问题处理: reminders (new, due within 2 working days, overdue) and the open tickets to answer. */
export function TicketsCard() {
  const { t } = useTranslation();
  const [inbox, setInbox] = useState<TicketInbox | null>(null);
  const [version, setVersion] = useState(0);
  const openDetail = useCasesStore((s) => s.openDetail);
  useEffect(() => {
    let live = true;
    void call('tickets:inbox', {}).then((r) => {
      if (live && r.ok) setInbox(r.value);
    });
    return () => {
      live = false;
    };
  }, [version]);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const stop = api.on('cases:changed', () => {
      timer ??= setTimeout(() => {
        timer = null;
        setVersion((v) => v + 1);
      }, 250);
    });
    return () => {
      stop();
      if (timer) clearTimeout(timer);
    };
  }, []);
  const reminders = inbox && inbox.newCount + inbox.dueSoonCount + inbox.overdueCount > 0;
  return (
    <Card title={t('tickets.title')} data-testid="tickets-card">
      {inbox && (
        <Alert
          type={inbox.overdueCount ? 'error' : reminders ? 'warning' : 'info'}
          showIcon
          role="status"
          style={{ marginBottom: 12 }}
          title={
            reminders
              ? t('tickets.reminders', { new: inbox.newCount, soon: inbox.dueSoonCount, overdue: inbox.overdueCount })
              : t('tickets.noReminders')
          }
        />
      )}
      <Space orientation="vertical" style={{ width: '100%' }}>
        {inbox?.tickets.map((ticket) => (
          <TicketItem
            key={ticket.ticketId}
            ticket={ticket}
            canAnswer
            onChanged={() => setVersion((v) => v + 1)}
            extra={
              <Button
                type="link"
                onClick={() => {
                  if (ticket.isNew) void call('tickets:seen', { ticketId: ticket.ticketId });
                  openCasesWith({});
                  void openDetail(ticket.caseId);
                }}
              >
                {t('tickets.viewCase')}
              </Button>
            }
          />
        ))}
      </Space>
    </Card>
  );
}
