import { z } from 'zod';
import { COUNTER_ROLES } from '../roles';
import {
  answerTicketSchema,
  closeTicketSchema,
  openTicketSchema,
  TICKET_FILES_PAYLOAD_MAX,
  ticketFileSchema,
  type TicketFileContent,
  type TicketInbox,
  type TicketView,
} from '../tickets';
import { command, rolesOnly } from './define';

const COUNTER = rolesOnly(...COUNTER_ROLES);

/** 问题处理 (issue #19): tickets on delivered cases, between the window and the department. */
export const ticketCommands = {
  /** The 工作台's reminders and open tickets (helpers: their own cases). */
  'tickets:inbox': command<TicketInbox>()(z.object({}).strict(), COUNTER),
  'tickets:case': command<TicketView[]>()(z.object({ caseId: z.uuid() }).strict(), COUNTER),
  'tickets:open': command<TicketView>()(openTicketSchema, COUNTER, TICKET_FILES_PAYLOAD_MAX),
  'tickets:answer': command<TicketView>()(answerTicketSchema, COUNTER, TICKET_FILES_PAYLOAD_MAX),
  /** A ticket file's bytes (the department's are fetched from the gateway the first time and kept). */
  'tickets:file': command<TicketFileContent>()(ticketFileSchema, COUNTER),
  /** Closes a ticket this window opened (the department closes its own; supervisors any). */
  'tickets:close': command<TicketView>()(closeTicketSchema, COUNTER),
  'tickets:seen': command<null>()(z.object({ ticketId: z.uuid() }).strict(), COUNTER),
} as const;
