import type { identityCommands } from '../../common/contract/identity';
import type { Staff } from '../../cases/intake-service';
import type { Services } from '../services';
import { actorFor, sessionOf, type CallContext, type Handlers } from '../gate';

type IdentityHandlers = Pick<Handlers, keyof typeof identityCommands>;

function staffOf(ctx: CallContext): Staff {
  const { user } = sessionOf(ctx);
  return { ...actorFor(ctx), id: user.id, role: user.role };
}

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
    'identity:verify': (input, ctx) => service.verify(staffOf(ctx), input),
    'identity:list': (input, ctx) => service.list(staffOf(ctx), input.caseId, input.application),
    'identity:override': (input, ctx) => service.override(staffOf(ctx), input),
    'identity:purgeChipData': () => service.purgeChipData(s.now()),
  };
}
