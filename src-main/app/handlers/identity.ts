import type { identityCommands } from '@common/contract/identity';
import type { Services } from '../services';
import { actorFor, staffFor, type Handlers } from '../gate';

type IdentityHandlers = Pick<Handlers, keyof typeof identityCommands>;

/** Handlers for the card reader and 人证核验. */
export function identityHandlers(s: Services): IdentityHandlers {
  const { reader, service } = s.identity;
  return {
    'reader:status': () => reader.status(),
    'reader:read': (input) => reader.read(input.readId),
    'reader:testCards': () => reader.testCards(),
    'reader:placeSimulatedCard': (input) => reader.placeSimulated(input.cardId),
    'reader:removeSimulatedCard': () => reader.removeSimulated(),
    'identity:getSettings': () => s.identity.settings(),
    'identity:updateSettings': (input, ctx) => s.identity.updateSettings(actorFor(ctx), input),
    'identity:verify': (input, ctx) => service.verify(staffFor(ctx), input),
    'identity:list': (input, ctx) => service.list(staffFor(ctx), input.caseId, input.application),
    'identity:override': (input, ctx) => service.override(staffFor(ctx), input),
    'identity:purgeChipData': () => service.purgeChipData(s.now()),
    'identity:faceMatch': (input, ctx) => s.identity.faceMatch.compare(staffFor(ctx), input),
    'identity:openFaceNotice': (input, ctx) => s.identity.notices.open(staffFor(ctx), input.caseId, input.role),
    'identity:faceNoticeStatus': (input, ctx) => s.identity.notices.status(staffFor(ctx), input.noticeId),
    'identity:faceNoticeView': (input) => s.identity.notices.view(input.ticket),
    'identity:faceNoticeAnswer': (input, ctx) => s.identity.notices.answer(input, ctx.active !== null),
    'identity:setFaceThreshold': (input, ctx) => s.identity.setFaceThreshold(actorFor(ctx), input.threshold),
  };
}
