import type { ticketCommands } from '@common/contract/tickets';
import type { Services } from '../services';
import { staffFor, type Handlers } from '../gate';

type TicketHandlers = Pick<Handlers, keyof typeof ticketCommands>;

/** Handlers for 问题处理 (the service re-checks whose case it is). */
export function ticketHandlers(s: Services): TicketHandlers {
  return {
    'tickets:inbox': (_input, ctx) => s.tickets.inbox(staffFor(ctx)),
    'tickets:case': (input, ctx) => s.tickets.forCase(staffFor(ctx), input.caseId),
    'tickets:open': (input, ctx) => s.tickets.open(staffFor(ctx), input),
    'tickets:answer': (input, ctx) => s.tickets.answer(staffFor(ctx), input),
    'tickets:close': (input, ctx) => s.tickets.close(staffFor(ctx), input),
    'tickets:file': (input, ctx) =>
      s.tickets.file(staffFor(ctx), input.attachmentId, s.sync.repo.device(), { timeoutMs: 30_000, now: s.now }),
    'tickets:seen': (input, ctx) => s.tickets.markSeen(staffFor(ctx), input.ticketId),
  };
}
