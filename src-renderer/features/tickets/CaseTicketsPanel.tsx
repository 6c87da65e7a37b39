import { Alert, Button, Form, Input, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TICKET_CATEGORIES, type TicketCategory, type TicketView } from '@common/tickets';
import type { AppErrorData } from '@common/result';
import { call } from '../../api/call';
import { errorMessage } from '../../i18n/errors';
import { TicketFilePicker } from './TicketFiles';
import { TicketItem } from './TicketItem';

/** 问题处理 of one case: its tickets with the department, answers, and a form to open a new one. */
export function CaseTicketsPanel({ caseId, canWrite, sent }: { caseId: string; canWrite: boolean; sent: boolean }) {
  const { t } = useTranslation();
  const [tickets, setTickets] = useState<TicketView[]>([]);
  const [version, setVersion] = useState(0);
  const [category, setCategory] = useState<TicketCategory>('material-question');
  const [body, setBody] = useState('');
  const [error, setError] = useState<AppErrorData | null>(null);
  const [files, setFiles] = useState<{ fileName: string; dataBase64: string }[]>([]);
  useEffect(() => {
    let live = true;
    void call('tickets:case', { caseId }).then((r) => {
      if (!live || !r.ok) return;
      setTickets(r.value);
      for (const x of r.value) if (x.isNew) void call('tickets:seen', { ticketId: x.ticketId });
    });
    return () => {
      live = false;
    };
  }, [caseId, version]);
  const open = async () => {
    const r = await call('tickets:open', { caseId, category, body, ...(files.length ? { files } : {}) });
    if (!r.ok) return setError(r.error);
    setError(null);
    setBody('');
    setFiles([]);
    setVersion((v) => v + 1);
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {tickets.length === 0 && <Typography.Text type="secondary">{t('tickets.none')}</Typography.Text>}
      {tickets.map((ticket) => (
        <TicketItem
          key={ticket.ticketId}
          ticket={ticket}
          canAnswer={canWrite}
          onChanged={() => setVersion((v) => v + 1)}
        />
      ))}
      {canWrite && !sent && <Alert type="info" showIcon title={t('tickets.notSent')} />}
      {canWrite && sent && (
        <Form layout="vertical" name="open-ticket" style={{ marginTop: 12 }}>
          <Typography.Title level={5}>{t('tickets.openNew')}</Typography.Title>
          {error && <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 8 }} />}
          <Form.Item label={t('tickets.category')} htmlFor="ticket-category">
            <Select
              id="ticket-category"
              value={category}
              onChange={setCategory}
              options={TICKET_CATEGORIES.map((c) => ({ value: c, label: t(`tickets.categories.${c}`) }))}
            />
          </Form.Item>
          <Form.Item label={t('tickets.body')} htmlFor="ticket-body">
            <Input.TextArea
              id="ticket-body"
              rows={3}
              maxLength={1000}
              value={body}
              placeholder={t('tickets.bodyPlaceholder')}
              onChange={(e) => setBody(e.target.value)}
            />
          </Form.Item>
          <Form.Item>
            <TicketFilePicker key={version} id="ticket-files" onChange={setFiles} />
          </Form.Item>
          <Button type="primary" disabled={!body.trim()} onClick={() => void open()}>
            {t('tickets.openButton')}
          </Button>
        </Form>
      )}
    </Space>
  );
}
