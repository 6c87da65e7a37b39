import type { printingCommands } from '../../common/contract/printing';
import type { Services } from '../services';
import { actorFor, sessionOf, type CallContext, type Handlers } from '../gate';

type PrintingHandlers = Pick<Handlers, keyof typeof printingCommands>;

function staffOf(ctx: CallContext) {
  const { user } = sessionOf(ctx);
  return { ...actorFor(ctx), id: user.id, role: user.role };
}

/** Handlers for documents, the print log, printers and EMS waybills. */
export function printingHandlers(s: Services): PrintingHandlers {
  const p = s.printing;
  return {
    'print:document': (input, ctx) => p.print.print(staffOf(ctx), input),
    'print:preview': (input, ctx) => p.print.preview(staffOf(ctx), input),
    'print:log': (input, ctx) => p.print.log(staffOf(ctx), input),
    'print:verifyQr': (input) => p.qr.verify(input.text),
    'printers:get': () => p.printers.settings(),
    'printers:update': (input, ctx) => p.printers.update(staffOf(ctx), input),
    'printers:status': () => p.printers.status(),
    'printers:test': (input, ctx) => p.printers.test(actorFor(ctx), input.role),
    'printers:list': () => p.printers.listSystemPrinters(),
    'waybills:importPool': (input, ctx) => p.waybills.importPool(staffOf(ctx), input.text),
    'waybills:pool': () => p.waybills.pool(),
    'waybills:assign': (input, ctx) => p.waybills.assign(staffOf(ctx), input),
    'waybills:setState': (input, ctx) => p.waybills.setState(staffOf(ctx), input.waybillNo, input.state),
    'waybills:list': (input, ctx) => p.waybills.list(staffOf(ctx), input.caseId),
  };
}
