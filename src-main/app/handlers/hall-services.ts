import type { hallServiceCommands } from '@common/contract/hall-services';
import { AppError } from '@common/errors';
import { matterGuide } from '@common/guide';
import type { Services } from '../services';
import { staffFor, type Handlers } from '../gate';

type HallServiceHandlers = Pick<Handlers, keyof typeof hallServiceCommands>;

/** Handlers for 培训模式, 操作指南, 陪办 and 错时/延时服务. */
export function hallServiceHandlers(s: Services): HallServiceHandlers {
  const control = () => {
    const c = s.config.modeControl;
    if (!c) throw new AppError('training-unavailable', 'this app runs without training mode');
    return c;
  };
  const guide = (code: string) => {
    const matter = s.catalogue.findMatter(code);
    if (!matter) throw new AppError('not-found', 'no such matter');
    return matterGuide(matter, s.catalogue.version());
  };
  return {
    // Answered by the folder now open (this handler's services may be those of the folder just left).
    'training:switch': (input, ctx) => control().switchTo(input.training, ctx.callerId),
    'training:reset': async (_input, ctx) => {
      if (!s.config.training) throw new AppError('training-only', 'only the training folder can be reset');
      await control().resetTraining(staffFor(ctx).name);
      return null;
    },
    'guide:get': (input) => guide(input.matterCode),
    'guide:pdf': async (input) => {
      const job = s.printing.renderer.guideJob(guide(input.matterCode), s.requireHall().name);
      return { pdfBase64: (await s.printing.chromium().toPdf(job)).toString('base64') };
    },
    'accompaniments:record': (input, ctx) => s.hallServices.accompany(staffFor(ctx), input),
    'accompaniments:list': (input, ctx) => s.hallServices.accompaniments(staffFor(ctx), input.caseId),
    'appointments:book': (input, ctx) => s.hallServices.book(staffFor(ctx), input),
    'appointments:day': (input, ctx) => s.hallServices.day(staffFor(ctx), input.date),
    'appointments:cancel': (input, ctx) => s.hallServices.cancel(staffFor(ctx), input.appointmentId),
    'appointments:open': (input, ctx) => s.hallServices.open(staffFor(ctx), input.appointmentId),
    'appointments:link': (input, ctx) => s.hallServices.link(staffFor(ctx), input.appointmentId, input.caseId),
  };
}
