import { z } from 'zod';
import type { AuditVerification } from '../audit';
import { COUNTER_ROLES } from '../roles';
import { ledgerScopeFields, refineLedgerScope } from '../supervisor/ledger';
import { followUpStepSchema, ratingSubmitSchema } from '@tongban/protocol/supervisor/ratings';
import { supervisorSettingsSchema, type SupervisorSettings } from '../supervisor/settings';
import type {
  BackupRecord,
  BackupsView,
  ClosedDayInfo,
  DashboardView,
  DayVerification,
  ExportDownload,
  ExportResult,
  FollowUpDetail,
  FollowUpView,
  LedgerView,
  RatingCaseSummary,
  RatingTicketView,
  RatingView,
  RestoreResult,
  RetentionReport,
} from '../supervisor/views';
import { command, PUBLIC, rolesOnly } from './define';
import { RECOVERY_CODE_PATTERN } from '../recovery-code';

const recoveryCodeSchema = z.string().trim().regex(RECOVERY_CODE_PATTERN);

const none = z.object({}).strict();
const isoDate = z.iso.date();
const SUPERVISING = rolesOnly('supervisor', 'admin');
const ADMIN = rolesOnly('admin');
const COUNTER = rolesOnly(...COUNTER_ROLES);
const ticket = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'ticket-format');

/**
 * The customer-facing rating screen runs without any staff session, so its three commands are
 * PUBLIC: the only credential is the one-time ticket the clerk opened for one case (256 random
 * bits, stored hashed, valid for minutes, spent on first use). `ratings:submit` also refuses any
 * caller signed in as staff, so a clerk's own window can never rate on the applicant's behalf.
 */
const RATING_SCREEN = PUBLIC;

/** Supervisor tools: ledgers and exports, day close, 好差评, dashboard, audit export, backups, retention. */
export const supervisorCommands = {
  'ledger:get': command<LedgerView>()(
    z
      .object({
        ...ledgerScopeFields,
        limit: z.number().int().min(1).max(500).default(100),
        offset: z.number().int().min(0).max(1_000_000).default(0),
      })
      .strict()
      .superRefine(refineLedgerScope),
    SUPERVISING,
  ),
  'ledger:export': command<ExportResult>()(
    z
      .object({ ...ledgerScopeFields, format: z.enum(['xlsx', 'csv', 'pdf']) })
      .strict()
      .superRefine(refineLedgerScope),
    SUPERVISING,
  ),
  'ledger:closeDay': command<ClosedDayInfo>()(z.object({ date: isoDate }).strict(), SUPERVISING),
  'ledger:verifyDay': command<DayVerification>()(z.object({ date: isoDate }).strict(), SUPERVISING),
  'ledger:reopenDay': command<ClosedDayInfo>()(
    z.object({ date: isoDate, reason: z.string().trim().min(4, 'reason-too-short').max(500, 'too-long') }).strict(),
    ADMIN,
  ),
  /** Every closing in a range, reopened ones included (newest version last per day). */
  'ledger:closings': command<ClosedDayInfo[]>()(z.object({ from: isoDate, to: isoDate }).strict(), SUPERVISING),

  'exports:list': command<ExportResult[]>()(
    z.object({ limit: z.number().int().min(1).max(200).default(50) }).strict(),
    SUPERVISING,
  ),
  'exports:download': command<ExportDownload>()(z.object({ exportId: z.uuid() }).strict(), SUPERVISING),

  'ratings:open': command<RatingTicketView>()(z.object({ caseId: z.uuid() }).strict(), COUNTER),
  'ratings:ticket': command<{ expiresAt: string; summary: RatingCaseSummary }>()(
    z.object({ ticket }).strict(),
    RATING_SCREEN,
  ),
  'ratings:submit': command<{ ratingId: string; level: number; poor: boolean }>()(ratingSubmitSchema, RATING_SCREEN),
  'ratings:decline': command<null>()(z.object({ ticket }).strict(), RATING_SCREEN),
  'ratings:list': command<RatingView[]>()(
    z
      .object({
        from: isoDate,
        to: isoDate,
        level: z.number().int().min(1).max(5).optional(),
        limit: z.number().int().min(1).max(500).default(100),
        offset: z.number().int().min(0).default(0),
      })
      .strict(),
    SUPERVISING,
  ),

  'followups:list': command<FollowUpView[]>()(
    z
      .object({
        filter: z.enum(['open', 'overdue', 'done', 'all']).default('open'),
        limit: z.number().int().min(1).max(500).default(100),
        offset: z.number().int().min(0).default(0),
      })
      .strict(),
    SUPERVISING,
  ),
  'followups:get': command<FollowUpDetail>()(z.object({ followUpId: z.uuid() }).strict(), SUPERVISING),
  'followups:record': command<FollowUpView>()(followUpStepSchema, SUPERVISING),

  'dashboard:get': command<DashboardView>()(none, SUPERVISING),

  'audit:export': command<ExportResult & { verification: AuditVerification }>()(
    z
      .object({
        actor: z.string().trim().max(32).optional(),
        action: z.string().trim().max(64).optional(),
        caseId: z.uuid().optional(),
        target: z.string().trim().max(64).optional(),
        from: isoDate.optional(),
        to: isoDate.optional(),
        format: z.enum(['xlsx', 'csv']),
      })
      .strict()
      .refine((q) => !(q.caseId && q.target), { path: ['target'], message: 'case-or-target' }),
    SUPERVISING,
  ),

  'backups:list': command<BackupsView>()(none, SUPERVISING),
  'backups:run': command<BackupRecord>()(none, SUPERVISING),
  'backups:restore': command<RestoreResult>()(
    z.object({ file: z.string().trim().min(1).max(400), recoveryCode: recoveryCodeSchema.optional() }).strict(),
    ADMIN,
  ),
  /** Shows this window's recovery code again (the admin's password re-entered; audited). */
  'security:recoveryCode': command<{ recoveryCode: string }>()(
    z.object({ password: z.string().min(1).max(200) }).strict(),
    ADMIN,
  ),
  /**
   * First run on a new PC or a replaced disk: stage a backup (absolute path) instead of setting up
   * a new hall. PUBLIC like `setup:initialize`, and refused once the window is set up or has users:
   * whoever may set up a fresh window may restore one, and signs in afterwards with the backup's accounts.
   */
  'setup:restore': command<RestoreResult>()(
    z.object({ file: z.string().trim().min(1).max(400), recoveryCode: recoveryCodeSchema.optional() }).strict(),
    PUBLIC,
  ),

  'supervisor:settings': command<SupervisorSettings>()(none, SUPERVISING),
  'supervisor:updateSettings': command<SupervisorSettings>()(supervisorSettingsSchema, ADMIN),
  'retention:run': command<RetentionReport>()(z.object({ dryRun: z.boolean().default(false) }).strict(), ADMIN),
};
