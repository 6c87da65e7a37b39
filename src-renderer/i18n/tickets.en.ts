import type { ticketsZh } from './tickets.zh-CN';

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

// Problem tickets (issue #19).
export const ticketsEn: Strings<typeof ticketsZh> = {
  title: 'Problem tickets',
  tab: 'Tickets',
  categories: {
    'material-question': 'Question on materials',
    'originals-missing': 'Originals missing/damaged',
    'applicant-request': 'Applicant request',
    system: 'System problem',
    other: 'Other',
  },
  status: { open: 'Awaiting answer', answered: 'Answered', closed: 'Closed' },
  sides: { window: 'Window', department: 'Department', supervisor: 'Supervisor' },
  reminders: 'New {{new}} · due within 2 working days {{soon}} · overdue {{overdue}}',
  noReminders: 'No tickets to handle',
  none: 'No tickets on this case',
  isNew: 'New',
  overdue: 'Overdue',
  escalated: 'Overdue, escalated',
  dueSoon: 'Due soon',
  due: 'Answer by the end of {{date}}',
  dueUnknown: 'Deadline set by the department once synced',
  notSynced: 'Not yet synced',
  openedBy: 'Opened by {{side}} {{name}} · {{at}}',
  answer: 'Answer',
  add: 'Add a note',
  answerPlaceholder: 'Your answer (sent to the department)',
  send: 'Submit',
  sent: 'Saved; sent to the department when online',
  openNew: 'Ask the department',
  category: 'Category',
  body: 'Question',
  bodyPlaceholder: 'What the department should answer or do',
  openButton: 'Open ticket',
  notSent: 'This case was not sent to a department; no ticket can be opened',
  required: 'Please fill this in',
  viewCase: 'Open case',
  close: 'Close the ticket (the text above is the reason)',
  closed: 'Ticket closed; sent to the department when online',
  closedWith: 'closed the ticket, reason',
  file: 'file',
  attach: 'Attach files (JPG/PNG/PDF, judged by content, up to 8 MB each, at most 3)',
  filePurged: '(file cleared under the retention period)',
};

/** English names of the window's ticket audit actions. */
export const TICKET_AUDIT_LABELS_EN: Record<string, string> = {
  'ticket.open': 'Problem ticket opened with the department',
  'ticket.answer': 'Problem ticket answered',
  'ticket.close': 'Problem ticket closed',
};
