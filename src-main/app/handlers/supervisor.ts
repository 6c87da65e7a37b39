import { keyOf } from '../../db/encryption';
import { recoveryCodeOf } from '../../common/recovery-code';
import { dirname, isAbsolute } from 'node:path';
import type { supervisorCommands } from '@common/contract/supervisor';
import { resolveScope } from '@common/supervisor/ledger';
import { chinaDayStartIso, nextDate } from '@common/time';
import { BACKUP_STEPS } from '../../backup/backup-service';
import { AppError } from '@common/errors';
import { RESTORE_STEPS, stageRestore } from '../../backup/restore';
import type { Services } from '../services';
import { actorFor, staffFor, type Handlers } from '../gate';

type SupervisorHandlers = Pick<Handlers, keyof typeof supervisorCommands>;

/** Who restores a window that is not set up yet (no accounts exist until the backup is in place). */
const SETUP_ACTOR = { id: null, name: 'setup' } as const;

/** Handlers for ledgers, day close, 好差评, the dashboard, audit export, backups and retention. */
export function supervisorHandlers(s: Services): SupervisorHandlers {
  const v = s.supervisor;
  // 取消 needs a signed-in caller (progress:cancel): the setup screen's restore shows the bar without it.
  const restoreTask = (callerId: string, cancellable = true) =>
    s.progress.start(callerId, { kind: 'restore', unit: 'steps', cancellable }, RESTORE_STEPS);
  return {
    'ledger:get': (input) => v.ledger.view(resolveScope(input), { offset: input.offset, limit: input.limit }),
    'ledger:export': (input, ctx) =>
      s.progress
        .start(ctx.callerId, { kind: 'export', unit: 'rows', cancellable: true })
        .run((task) => v.exports.ledger(staffFor(ctx), resolveScope(input), input.format, task)),
    'ledger:closeDay': (input, ctx) => {
      const closed = v.days.close(staffFor(ctx), input.date);
      s.updates.afterDayClose(); // a downloaded release installs now unless a case is being worked on
      return closed;
    },
    'ledger:verifyDay': (input) => v.days.verify(input.date),
    'ledger:reopenDay': (input, ctx) => v.days.reopen(staffFor(ctx), input.date, input.reason),
    'ledger:closings': (input) => v.days.closings(input.from, input.to),

    'exports:list': (input) => v.exports.list(input.limit),
    'exports:download': (input) => v.exports.download(input.exportId),

    'ratings:open': (input, ctx) => v.ratings.open(staffFor(ctx), input.caseId),
    'ratings:ticket': (input) => v.ratings.view(input.ticket),
    // The ticket is the only credential; a caller holding a staff session is refused, not used.
    'ratings:submit': (input, ctx) => v.ratings.submit(input, ctx.active !== null),
    'ratings:decline': (input) => v.ratings.decline(input.ticket),
    'ratings:list': (input) =>
      v.ratings.list(
        chinaDayStartIso(input.from),
        chinaDayStartIso(nextDate(input.to)),
        input.level ?? null,
        input.limit,
        input.offset,
      ),

    'followups:list': (input) => v.followUps.list(input.filter, input.limit, input.offset),
    'followups:get': (input, ctx) => v.followUps.get(staffFor(ctx), input.followUpId),
    'followups:record': (input, ctx) => v.followUps.record(staffFor(ctx), input),

    'dashboard:get': () => v.dashboard.view(),

    'audit:export': (input, ctx) => {
      const { caseId, format, ...filter } = input;
      return v.auditExport.export(
        staffFor(ctx),
        { ...filter, ...(caseId ? { target: `case:${caseId}` } : {}) },
        format,
      );
    },

    'backups:list': () => v.backups.view(),
    'backups:run': (_input, ctx) =>
      s.progress
        .start(ctx.callerId, { kind: 'backup', unit: 'steps', cancellable: false }, BACKUP_STEPS)
        .run((task) => v.backups.run('manual', actorFor(ctx), (step) => task.update(step))),
    'security:recoveryCode': async (input, ctx) => {
      const active = ctx.active;
      const key = keyOf(s.db);
      if (!active || !key) throw new AppError('not-found', 'this database has no key');
      await s.auth.confirmPassword(active, input.password);
      s.audit.append({ actor: actorFor(ctx), action: 'security.recovery-code-shown' });
      return { recoveryCode: recoveryCodeOf(key) };
    },
    // Cancellable until the staged copy is committed (restore.ts): a cancel leaves nothing behind.
    'backups:restore': (input, ctx) =>
      restoreTask(ctx.callerId).run((task) =>
        stageRestore(
          {
            dataDir: s.config.dataDir,
            backupFolder: v.settings.backupFolder(),
            schemaVersion: s.db.pragma('user_version', { simple: true }) as number,
            audit: s.audit,
            now: s.now,
            key: keyOf(s.db),
          },
          actorFor(ctx),
          input.file,
          input.recoveryCode,
          task,
        ),
      ),
    'setup:restore': (input, ctx) => {
      if (s.settings.hall() !== null || s.auth.users.count() > 0)
        throw new AppError('already-initialized', 'already set up');
      if (!isAbsolute(input.file))
        throw new AppError('invalid-input', 'the full path of a backup file', {
          fields: [{ path: 'file', code: 'path-invalid' }],
        });
      const schemaVersion = s.db.pragma('user_version', { simple: true }) as number;
      return restoreTask(ctx.callerId, false).run((task) =>
        stageRestore(
          {
            dataDir: s.config.dataDir,
            backupFolder: dirname(input.file),
            schemaVersion,
            audit: s.audit,
            now: s.now,
            key: keyOf(s.db),
          },
          SETUP_ACTOR,
          input.file,
          input.recoveryCode,
          task,
        ),
      );
    },

    'supervisor:settings': () => v.settings.get(),
    'supervisor:updateSettings': (input, ctx) => v.settings.update(actorFor(ctx), input),
    'retention:run': (input, ctx) => v.retention.run(actorFor(ctx), input.dryRun),
  };
}
