import type { syncCommands } from '@common/contract/sync';
import type { updateCommands } from '@common/contract/updates';
import type { Services } from '../services';
import { actorFor, staffFor, type Handlers } from '../gate';
import { visibleCase } from '../../cases/case-access';
import { downloadResult } from '../../sync/result-download';

type SyncHandlers = Pick<Handlers, keyof typeof syncCommands | keyof typeof updateCommands>;

/** Handlers for the sync bar, enrolment, "sync now" and supplements (补正). */
export function syncHandlers(s: Services): SyncHandlers {
  return {
    'sync:status': () => s.sync.statusView(),
    'updates:status': () => s.updates.status(),
    'sync:configure': (input, ctx) => s.sync.configure(actorFor(ctx), input.gatewayUrl, input.code),
    'sync:now': () => s.sync.syncNow(),
    'cases:result': (input, ctx) => {
      const detail = visibleCase(staffFor(ctx), s.caseQueries.get(input.caseId), (c) => c.clerkId);
      return downloadResult(s.sync.repo.device(), detail, { timeoutMs: 30_000, now: s.now });
    },
    'catalogue:updates': () => s.catalogueUpdates.view(),
    'catalogue:check': async () => {
      await s.catalogueUpdates.check();
      return s.catalogueUpdates.view();
    },
    'catalogue:apply': (input, ctx) => s.catalogueUpdates.apply(actorFor(ctx), input.version),
    'catalogue:rollback': (_input, ctx) => s.catalogueUpdates.rollback(actorFor(ctx)),
    'supplements:start': (input, ctx) => s.supplements.start(staffFor(ctx), input.caseId),
    'supplements:attach': (input, ctx) =>
      s.supplements.attach(staffFor(ctx), input.supplementId, {
        materialCode: input.materialCode,
        fileName: input.fileName,
        bytes: Buffer.from(input.dataBase64, 'base64'),
      }),
    'supplements:submit': (input, ctx) => {
      s.supplements.submit(staffFor(ctx), input.supplementId, input.materials, input.note);
      void s.sync.engine.syncNow();
      return null;
    },
  };
}
