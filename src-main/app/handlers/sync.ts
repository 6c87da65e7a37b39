import type { syncCommands, VerifyBaseView } from '@common/contract/sync';
import { AppError } from '@common/errors';
import { isPlaceholderUrl } from '@common/readiness';
import type { updateCommands } from '@common/contract/updates';
import type { Services } from '../services';
import { actorFor, staffFor, type Handlers } from '../gate';
import { visibleCase } from '../../cases/case-access';
import { downloadResult } from '../../sync/result-download';
import { CaseReroute } from '../../sync/reroute';
import { CATALOGUE_APPLY_STEPS } from '../../catalogue/catalogue-updates';

type SyncHandlers = Pick<Handlers, keyof typeof syncCommands | keyof typeof updateCommands>;

/** The QR address setting, what documents print with it, and whether that is a placeholder. */
export function verifyBaseView(s: Pick<Services, 'settings' | 'sync'>): VerifyBaseView {
  const baseUrl = s.settings.verifyBaseUrl();
  const effective = baseUrl ?? s.sync.statusView().gatewayUrl ?? null;
  return { baseUrl, effective, placeholder: effective !== null && isPlaceholderUrl(effective) };
}

/** Handlers for the sync bar, enrolment, "sync now" and supplements (补正). */
export function syncHandlers(s: Services): SyncHandlers {
  const reroute = () => new CaseReroute({ db: s.db, catalogue: s.catalogue, audit: s.audit, now: s.now });
  return {
    'sync:getVerifyBase': () => verifyBaseView(s),
    'sync:setVerifyBase': (input, ctx) => {
      const url = input.baseUrl?.trim().replace(/\/+$/, '') || null;
      if (url && isPlaceholderUrl(url) && !s.isTrainingMode())
        throw new AppError('invalid-input', 'a placeholder verification address', {
          fields: [{ path: 'baseUrl', code: 'verify-url-placeholder' }],
        });
      const before = s.settings.verifyBaseUrl();
      s.db.transaction(() => {
        s.settings.setVerifyBaseUrl(url);
        s.audit.append({ actor: actorFor(ctx), action: 'settings.verify-base', details: { before, after: url } });
      })();
      return verifyBaseView(s);
    },
    'sync:status': () => s.sync.statusView(),
    'updates:status': () => s.updates.status(),
    'sync:configure': (input, ctx) => s.sync.configure(actorFor(ctx), input.gatewayUrl, input.code),
    'sync:now': () => s.sync.syncNow(),
    'cases:result': (input, ctx) => {
      const detail = visibleCase(staffFor(ctx), s.caseQueries.get(input.caseId), (c) => c.clerkId);
      return downloadResult(s.sync.repo.device(), detail, { timeoutMs: 30_000, now: s.now }, input.document);
    },
    'cases:reroute-options': (input, ctx) => {
      visibleCase(staffFor(ctx), s.caseQueries.get(input.caseId), (c) => c.clerkId);
      return reroute().view(input.caseId);
    },
    'cases:reroute': (input, ctx) => {
      visibleCase(staffFor(ctx), s.caseQueries.get(input.caseId), (c) => c.clerkId);
      const view = reroute().apply(actorFor(ctx), input.caseId, input.departmentId);
      s.events.emit('cases:changed', { caseIds: [input.caseId] });
      void s.sync.engine.syncNow();
      return view;
    },
    'catalogue:updates': () => s.catalogueUpdates.view(),
    'catalogue:check': async () => {
      await s.catalogueUpdates.check();
      return s.catalogueUpdates.view();
    },
    // A bar, not a 取消: applying is synchronous and commits in one transaction (nothing to stop between steps).
    'catalogue:apply': (input, ctx) =>
      s.progress
        .start(ctx.callerId, { kind: 'catalogue', unit: 'steps', cancellable: false }, CATALOGUE_APPLY_STEPS)
        .run(async (task) => s.catalogueUpdates.apply(actorFor(ctx), input.version, (step) => task.update(step))),
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
