import type { foundationCommands } from '@common/contract/foundation';
import { AppError } from '@common/errors';
import { keyOf } from '../../db/encryption';
import { recoveryCodeOf } from '@common/recovery-code';
import type { Services } from '../services';
import { actorFor, sessionOf, type Handlers } from '../gate';
import { requireStrong } from '../../auth/auth-service';
import { hashPassword } from '../../auth/password';
import { restorePending } from '../../backup/restore';
import { readiness } from '../../settings/readiness';
import { verifyBaseView } from './sync';

type FoundationHandlers = Pick<Handlers, keyof typeof foundationCommands>;

/** Handlers for start-up, first run, sign-in, accounts, settings and the audit log. */
export function foundationHandlers(s: Services): FoundationHandlers {
  return {
    'app:info': () => ({
      version: s.version,
      initialized: s.settings.hall() !== null,
      hall: s.settings.hall(),
      runtime: s.runtime,
      training: s.config.training === true,
    }),

    'setup:initialize': async (input, ctx) => {
      if (s.settings.hall() !== null || s.auth.users.count() > 0)
        throw new AppError('already-initialized', 'already set up');
      // A backup chosen on this screen replaces everything at the next start: setting up anew now would be thrown away.
      if (restorePending(s.config.dataDir))
        throw new AppError('conflict', 'a backup is staged; restart to restore it', { reason: 'restore-pending' });
      requireStrong(input.admin.password, input.admin.username, 'admin.password');
      const passwordHash = await hashPassword(input.admin.password);
      s.db.transaction(() => {
        if (s.settings.hall() !== null) throw new AppError('already-initialized', 'already set up');
        s.settings.setHall(input.hall);
        s.settings.setSecurity(s.settings.security());
        const id = s.auth.users.insert({ ...input.admin, role: 'admin', passwordHash }, s.now().toISOString());
        s.audit.append({
          actor: { id, name: input.admin.username },
          action: 'setup.initialize',
          details: { hall: input.hall.name, divisionCode: input.hall.divisionCode, windowCode: input.hall.windowCode },
        });
      })();
      const info = await s.auth.login(ctx.callerId, input.admin.username, input.admin.password);
      const key = keyOf(s.db);
      // Shown once on the setup screen; the administrator writes it down (re-shown by security:recoveryCode).
      return key ? { ...info, recoveryCode: recoveryCodeOf(key) } : info;
    },

    'auth:login': (input, ctx) => {
      if (s.settings.hall() === null) throw new AppError('not-initialized', 'first run not completed');
      return s.auth.login(ctx.callerId, input.username, input.password);
    },
    'auth:session': (_input, ctx) => (ctx.active ? s.auth.info(ctx.active) : null),
    'auth:logout': (_input, ctx) => {
      s.auth.logout(ctx.callerId);
      return null;
    },
    'auth:heartbeat': () => null,
    'auth:lock': (_input, ctx) => {
      s.auth.lock(sessionOf(ctx));
      return null;
    },
    'auth:unlock': (input, ctx) => s.auth.unlock(ctx.callerId, sessionOf(ctx), input.password),
    'auth:changePassword': async (input, ctx) => {
      await s.auth.changePassword(sessionOf(ctx), input.currentPassword, input.newPassword);
      const after = s.auth.resolve(ctx.callerId);
      if (!after) throw new AppError('unauthenticated', 'the session ended while the password was changed');
      return s.auth.info(after);
    },

    'settings:readiness': async () => ({
      items: readiness({
        print: s.printing.printers.settings(),
        reader: s.identity.settings().reader,
        gatewayUrl: s.sync.statusView().gatewayUrl,
        cameraDeviceId: s.settings.camera().deviceId,
        waybillsAvailable: s.printing.waybills.pool().available,
        sealCertificate: (await s.printing.seal.status()).state,
        verifyBase: verifyBaseView(s).effective,
      }),
      training: s.isTrainingMode(),
    }),
    'progress:cancel': (input, ctx) => {
      s.progress.cancel(ctx.callerId, input.taskId);
      return null;
    },
    'users:list': () => s.auth.users.list().map(({ passwordHash: _secret, ...u }) => u),
    'users:create': (input, ctx) => s.auth.createUser(actorFor(ctx), input),
    'users:setDisabled': (input, ctx) => s.auth.setDisabled(actorFor(ctx), input.userId, input.disabled),
    'users:resetPassword': (input, ctx) => s.auth.resetPassword(actorFor(ctx), input.userId, input.newPassword),
    'users:setRole': (input, ctx) => s.auth.setRole(actorFor(ctx), input.userId, input.role),

    'settings:get': () => ({ hall: s.requireHall(), security: s.settings.security() }),
    'settings:update': (input, ctx) => {
      const before = { hall: s.requireHall(), security: s.settings.security() };
      s.db.transaction(() => {
        s.settings.setHall(input.hall);
        s.settings.setSecurity(input.security);
        s.audit.append({ actor: actorFor(ctx), action: 'settings.update', details: { before, after: input } });
      })();
      return { hall: s.requireHall(), security: s.settings.security() };
    },

    'settings:getOfficeHours': () => s.settings.officeHours(),
    'settings:updateOfficeHours': (input, ctx) => {
      const before = s.settings.officeHours();
      s.db.transaction(() => {
        s.settings.setOfficeHours(input);
        s.audit.append({
          actor: actorFor(ctx),
          action: 'settings.update',
          details: { before: { officeHours: before }, after: { officeHours: input } },
        });
      })();
      return s.settings.officeHours();
    },
    'settings:getCamera': () => s.settings.camera(),
    'settings:updateCamera': (input, ctx) => {
      const before = s.settings.camera();
      s.db.transaction(() => {
        s.settings.setCamera(input);
        s.audit.append({
          actor: actorFor(ctx),
          action: 'settings.update',
          details: { before: { camera: before }, after: { camera: input } },
        });
      })();
      return s.settings.camera();
    },

    'audit:list': (input) => s.audit.list(input),
    'audit:verify': () => s.sync.verifyAudit(),
  };
}
