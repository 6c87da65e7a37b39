import { Alert, App, Button, Card, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketView } from '@common/tickets';
import type { AppErrorData } from '@common/result';
import { call } from '../../api/call';
import { formatDateTime } from '../../i18n/datetime';
import { errorMessage } from '../../i18n/errors';
import { TicketFileList, TicketFilePicker } from './TicketFiles';

/** The last day of a deadline that ends at midnight (China time) after it. */
const lastDay = (dueAt: string): string => formatDateTime(new Date(Date.parse(dueAt) - 1).toISOString()).slice(0, 10);

/** The deadline of a ticket as a tag: overdue (escalated), due soon, or the date. */
export function DeadlineTag({ ticket }: { ticket: TicketView }) {
  const { t } = useTranslation();
  if (ticket.status !== 'open') return <Tag>{t(`tickets.status.${ticket.status}`)}</Tag>;
  if (!ticket.dueAt) return <Tag>{t('tickets.dueUnknown')}</Tag>;
  if (ticket.deadline === 'overdue')
    return <Tag color="red">{ticket.escalatedAt ? t('tickets.escalated') : t('tickets.overdue')}</Tag>;
  return (
    <Tag color={ticket.deadline === 'due-soon' ? 'orange' : 'blue'}>
      {ticket.deadline === 'due-soon' ? `${t('tickets.dueSoon')} · ` : ''}
      {t('tickets.due', { date: lastDay(ticket.dueAt) })}
    </Tag>
  );
}

/** One ticket: what was asked, the messages, and the answer form (counter staff, ticket not closed). */
export function TicketItem({
  ticket,
  canAnswer,
  onChanged,
  extra,
}: {
  ticket: TicketView;
  canAnswer: boolean;
  onChanged: () => void;
  extra?: React.ReactNode;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [error, setError] = useState<AppErrorData | null>(null);
  const [busy, setBusy] = useState(false);
  const [files, setFiles] = useState<{ fileName: string; dataBase64: string }[]>([]);
  const [picker, setPicker] = useState(0);
  const { message } = App.useApp();
  const send = async (close: boolean) => {
    setBusy(true);
    const r = close
      ? await call('tickets:close', { ticketId: ticket.ticketId, reason: text })
      : await call('tickets:answer', { ticketId: ticket.ticketId, body: text, ...(files.length ? { files } : {}) });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    setText('');
    setFiles([]);
    setPicker((n) => n + 1);
    void message.success(t(close ? 'tickets.closed' : 'tickets.sent'));
    onChanged();
  };
  const fieldId = `ticket-answer-${ticket.ticketId}`;
  return (
    <Card
      size="small"
      className="ticket-item"
      data-ticket={ticket.ticketId}
      title={
        <Space wrap>
          {ticket.isNew && <Tag color="red">{t('tickets.isNew')}</Tag>}
          <strong>{t(`tickets.categories.${ticket.category}`)}</strong>
          <span className="mono">{ticket.receiptNo}</span>
          <Tag color={ticket.status === 'open' ? 'gold' : 'green'}>{t(`tickets.status.${ticket.status}`)}</Tag>
          <DeadlineTag ticket={ticket} />
          {!ticket.synced && <Tag>{t('tickets.notSynced')}</Tag>}
        </Space>
      }
      extra={extra}
    >
      <Typography.Paragraph type="secondary" className="small" style={{ marginBottom: 4 }}>
        {t('tickets.openedBy', {
          side: t(`tickets.sides.${ticket.openedBySide}`),
          name: ticket.openedBy,
          at: formatDateTime(ticket.openedAt),
        })}
      </Typography.Paragraph>
      <Typography.Paragraph style={{ marginBottom: 8 }}>{ticket.body}</Typography.Paragraph>
      {ticket.messages.map((m) => (
        <Typography.Paragraph key={m.messageId} style={{ marginBottom: 4 }}>
          <span className="muted small">
            {t(`tickets.sides.${m.side}`)} {m.author} · {formatDateTime(m.at)}
            {!m.synced && ` · ${t('tickets.notSynced')}`}
            {m.closes && ` ${t('tickets.closedWith')}`}：
          </span>
          {m.body}
        </Typography.Paragraph>
      ))}
      <TicketFileList files={ticket.files} />
      {canAnswer && ticket.status !== 'closed' && (
        <Space orientation="vertical" style={{ width: '100%', marginTop: 8 }}>
          {error && <Alert type="error" showIcon title={errorMessage(error)} />}
          <label htmlFor={fieldId}>
            {ticket.openedBySide === 'department' ? t('tickets.answer') : t('tickets.add')}
          </label>
          <Input.TextArea
            id={fieldId}
            rows={2}
            maxLength={1000}
            value={text}
            placeholder={t('tickets.answerPlaceholder')}
            onChange={(e) => setText(e.target.value)}
          />
          <TicketFilePicker key={picker} id={`${fieldId}-files`} onChange={setFiles} />
          <Space wrap>
            <Button type="primary" disabled={!text.trim()} loading={busy} onClick={() => void send(false)}>
              {t('tickets.send')}
            </Button>
            {ticket.openedBySide === 'window' && (
              <Button disabled={!text.trim()} loading={busy} onClick={() => void send(true)}>
                {t('tickets.close')}
              </Button>
            )}
          </Space>
        </Space>
      )}
    </Card>
  );
}
