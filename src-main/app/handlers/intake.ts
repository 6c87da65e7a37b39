import type { intakeCommands } from '@common/contract/intake';
import { AppError } from '@common/errors';
import type { Services } from '../services';
import { actorFor, staffFor, type Handlers } from '../gate';
import { ownDraft, scopeToViewer, visibleCase } from '../../cases/case-access';

/** Steps of a catalogue import (progress): checked and in force, saved, recorded. */
const CATALOGUE_IMPORT_STEPS = 3;

type IntakeHandlers = Pick<Handlers, keyof typeof intakeCommands>;

/** Handlers for the catalogue, drafts, attachments, window outcomes and the case list. */
export function intakeHandlers(s: Services): IntakeHandlers {
  return {
    'catalogue:get': () => s.catalogue.view(),
    'catalogue:divisions': () => s.catalogue.divisionsView(),
    // A bar, not a 取消: the import is checked, saved and put in force synchronously, all or nothing.
    'catalogue:import': (input, ctx) =>
      s.progress
        .start(ctx.callerId, { kind: 'catalogue', unit: 'steps', cancellable: false }, CATALOGUE_IMPORT_STEPS)
        .run(async (task) => {
          const result = s.catalogue.importCatalogue(input.text);
          if (!result.ok) throw new AppError('catalogue-invalid', 'catalogue file rejected', { errors: result.errors });
          task.update(1);
          s.saveImportedCatalogue(input.text);
          task.update(2);
          s.audit.append({
            actor: actorFor(ctx),
            action: 'catalogue.import',
            details: { version: result.version, matters: result.matters },
          });
          return { version: result.version, matters: result.matters };
        }),

    'drafts:create': (_input, ctx) => ({ caseId: s.intake.createDraft(staffFor(ctx)) }),
    'drafts:list': (_input, ctx) =>
      s.intake.drafts
        .listByOwner(staffFor(ctx).id)
        .map(({ caseId, matterCode, situationCode, updatedAt }) => ({ caseId, matterCode, situationCode, updatedAt })),
    'drafts:get': (input, ctx) => {
      const staff = staffFor(ctx);
      const draft = ownDraft(staff, s.intake.drafts.get(input.caseId));
      const attachments = s.intake.attachments
        .listByCase(input.caseId)
        .map(({ attachmentId, materialCode, fileName, mediaType, size, sha256 }) => ({
          attachmentId,
          materialCode,
          fileName,
          mediaType,
          size,
          sha256,
        }));
      return {
        caseId: draft.caseId,
        matterCode: draft.matterCode,
        situationCode: draft.situationCode,
        updatedAt: draft.updatedAt,
        data: draft.data,
        attachments,
      };
    },
    'drafts:save': (input, ctx) => {
      s.intake.saveDraft(staffFor(ctx), input.caseId, {
        matterCode: input.matterCode,
        situationCode: input.situationCode,
        data: input.data,
      });
      return null;
    },
    'drafts:discard': (input, ctx) => {
      s.intake.discardDraft(staffFor(ctx), input.caseId);
      return null;
    },
    'drafts:resume': (input, ctx) => ({ caseId: s.intake.resumeIncomplete(staffFor(ctx), input.caseId) }),

    'attachments:add': (input, ctx) =>
      s.intake.addAttachment(staffFor(ctx), {
        caseId: input.caseId,
        materialCode: input.materialCode,
        fileName: input.fileName,
        bytes: Buffer.from(input.dataBase64, 'base64'),
      }),
    'attachments:remove': (input, ctx) => {
      s.intake.removeAttachment(staffFor(ctx), input.attachmentId);
      return null;
    },
    'attachments:get': (input) => {
      const meta = s.intake.attachments.get(input.attachmentId);
      const bytes = meta && s.intake.attachments.bytes(meta.sha256);
      if (!meta || !bytes) throw new AppError('not-found', 'no such attachment');
      return { mediaType: meta.mediaType, dataBase64: bytes.toString('base64') };
    },

    'intake:check': (input) => s.intake.check(input.application),
    'intake:accept': (input, ctx) => s.intake.accept(staffFor(ctx), input.application),
    'licences:lookup': (input, ctx) => s.licences.lookup(staffFor(ctx), input.application, input.materialCode),
    'intake:notifyIncomplete': (input, ctx) => s.intake.notifyIncomplete(staffFor(ctx), input.application),
    'intake:reject': (input, ctx) => s.intake.reject(staffFor(ctx), input.application, input.reason),

    'cases:list': (input, ctx) => {
      const staff = staffFor(ctx);
      return s.caseQueries.list(scopeToViewer(staff, input));
    },
    'cases:get': (input, ctx) => {
      const staff = staffFor(ctx);
      return visibleCase(staff, s.caseQueries.get(input.caseId), (c) => c.clerkId);
    },
  };
}
