import type { printingCommands } from '@common/contract/printing';
import type { Services } from '../services';
import { actorFor, staffFor, type Handlers } from '../gate';

type PrintingHandlers = Pick<Handlers, keyof typeof printingCommands>;

/** Handlers for documents, the print log, printers and EMS waybills. */
export function printingHandlers(s: Services): PrintingHandlers {
  const p = s.printing;
  return {
    'print:document': (input, ctx) => p.print.print(staffFor(ctx), input),
    'print:preview': (input, ctx) => p.print.preview(staffFor(ctx), input),
    'print:log': (input, ctx) => p.print.log(staffFor(ctx), input),
    'print:verifyQr': (input) => p.qr.verify(input.text),
    'printers:get': () => p.printers.settings(),
    'printers:update': (input, ctx) => p.printers.update(staffFor(ctx), input),
    'printers:status': () => p.printers.status(),
    'printers:test': (input, ctx) => p.printers.test(actorFor(ctx), input.role),
    'printers:list': () => p.printers.listSystemPrinters(),
    'waybills:importPool': (input, ctx) => p.waybills.importPool(staffFor(ctx), input.text),
    'waybills:pool': () => p.waybills.pool(),
    'waybills:assign': (input, ctx) => p.waybills.assign(staffFor(ctx), input),
    'waybills:setState': (input, ctx) => p.waybills.setState(staffFor(ctx), input.waybillNo, input.state),
    'waybills:list': (input, ctx) => p.waybills.list(staffFor(ctx), input.caseId),
    'seal:status': () => p.seal.status(),
    'seal:import': (input, ctx) => p.seal.import(actorFor(ctx), input),
  };
}
