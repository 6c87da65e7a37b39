import { z } from 'zod';
import type { ReadinessItem } from '../readiness';
import { progressEventSchema } from '../progress';
import { officeHoursSchema, type OfficeHours } from '../hall-services';
import {
  displayNameSchema,
  passwordSchema,
  roleSchema,
  usernameSchema,
  type SessionInfo,
  type UserSummary,
} from '../accounts';
import { auditQuerySchema, type AuditEntry, type AuditVerification } from '../audit';
import { hallSchema, securityPolicySchema, type Hall, type SecurityPolicy } from '../hall';
import { command, PUBLIC, rolesOnly, SIGNED_IN } from './define';

const none = z.object({}).strict();
const userId = z.number().int().positive();

/** What the UI needs at start-up, before anyone signs in. */
export interface AppInfo {
  version: string;
  initialized: boolean;
  hall: Hall | null;
  runtime: 'electron' | 'browser-host';
  /** 培训模式: the training data folder is open (red banner, watermarked printouts, no sync). */
  training: boolean;
}

/** Settings an administrator edits. */
export interface Settings {
  hall: Hall;
  security: SecurityPolicy;
}

/** The document camera of this window, as an administrator chose it in 系统设置. */
export const cameraSettingsSchema = z
  .object({
    /** The browser's `deviceId` of the chosen video input; '' means the system's default camera. */
    deviceId: z
      .string()
      .max(256, 'too-long')
      .regex(/^[\x21-\x7e]*$/, 'camera-device-format'),
    /** The camera's name when it was chosen, to find it again should the browser give it a new id. */
    label: z.string().trim().max(200, 'too-long'),
  })
  .strict();
/** Camera settings. */
export type CameraSettings = z.infer<typeof cameraSettingsSchema>;
/** A new window uses the system's default camera. */
export const DEFAULT_CAMERA_SETTINGS: CameraSettings = { deviceId: '', label: '' };

/** Foundation commands: start-up, first run, sign-in, accounts, settings, audit. */
export const foundationCommands = {
  'app:info': command<AppInfo>()(none, PUBLIC),
  /** Also returns the recovery code of the database key, shown once to the administrator. */
  'setup:initialize': command<SessionInfo & { recoveryCode?: string }>()(
    z
      .object({
        hall: hallSchema,
        admin: z
          .object({ username: usernameSchema, displayName: displayNameSchema, password: passwordSchema })
          .strict(),
      })
      .strict(),
    PUBLIC,
  ),
  'auth:login': command<SessionInfo>()(
    z.object({ username: usernameSchema, password: passwordSchema }).strict(),
    PUBLIC,
  ),
  'auth:session': command<SessionInfo | null>()(none, PUBLIC),
  'auth:logout': command<null>()(none, PUBLIC),
  /** Keeps an active user's session from idling out while they work in the page; allowed when locked (it does not unlock). */
  'auth:heartbeat': command<null>()(none, {
    kind: 'session',
    roles: 'any',
    allowLocked: true,
    beforePasswordChange: true,
  }),
  'auth:lock': command<null>()(none, { kind: 'session', roles: 'any', allowLocked: true, beforePasswordChange: true }),
  'auth:unlock': command<SessionInfo>()(z.object({ password: passwordSchema }).strict(), {
    kind: 'session',
    roles: 'any',
    allowLocked: true,
    beforePasswordChange: true,
  }),
  /** Returns the session afterwards (no longer `mustChangePassword`). */
  'auth:changePassword': command<SessionInfo>()(
    z.object({ currentPassword: passwordSchema, newPassword: passwordSchema }).strict(),
    { kind: 'session', roles: 'any', beforePasswordChange: true },
  ),
  'users:list': command<UserSummary[]>()(none, rolesOnly('admin')),
  'users:create': command<UserSummary>()(
    z
      .object({ username: usernameSchema, displayName: displayNameSchema, role: roleSchema, password: passwordSchema })
      .strict(),
    rolesOnly('admin'),
  ),
  'users:setDisabled': command<UserSummary>()(z.object({ userId, disabled: z.boolean() }).strict(), rolesOnly('admin')),
  'users:resetPassword': command<UserSummary>()(
    z.object({ userId, newPassword: passwordSchema }).strict(),
    rolesOnly('admin'),
  ),
  'users:setRole': command<UserSummary>()(z.object({ userId, role: roleSchema }).strict(), rolesOnly('admin')),
  'settings:get': command<Settings>()(none, SIGNED_IN),
  'settings:update': command<Settings>()(
    z.object({ hall: hallSchema, security: securityPolicySchema }).strict(),
    rolesOnly('admin'),
  ),
  /** Every signed-in user reads it: the intake wizard opens the chosen camera. */
  'settings:getCamera': command<CameraSettings>()(none, SIGNED_IN),
  'settings:updateCamera': command<CameraSettings>()(cameraSettingsSchema, rolesOnly('admin')),
  /** Office hours per weekday; every signed-in user reads them (the appointment dialog shows them). */
  'settings:getOfficeHours': command<OfficeHours>()(none, SIGNED_IN),
  'settings:updateOfficeHours': command<OfficeHours>()(officeHoursSchema, rolesOnly('admin')),
  /** 上线检查: placeholders still in use and devices not set up (administrators). */
  'settings:readiness': command<{ items: ReadinessItem[]; training: boolean }>()(none, rolesOnly('admin')),
  /** Stops a long operation the caller started, where that is safe (it reports phase 'cancelled'). */
  'progress:cancel': command<null>()(z.object({ taskId: z.string().uuid() }).strict(), SIGNED_IN),
  'audit:list': command<AuditEntry[]>()(auditQuerySchema.strict(), rolesOnly('supervisor', 'admin')),
  'audit:verify': command<AuditVerification>()(none, rolesOnly('supervisor', 'admin')),
};

/** Events the main process pushes for the foundation. */
export const foundationEvents = {
  'session:changed': z.object({ state: z.enum(['locked', 'signed-out']) }),
  progress: progressEventSchema,
  'sync:status': z.object({
    state: z.enum(['not-configured', 'offline', 'online', 'syncing', 'unauthenticated', 'revoked']),
    pending: z.number().int(),
    lastSuccessAt: z.string().nullable(),
    /** Restored from a backup, and the gateway has not yet told how far today's receipt numbers went. */
    numberingUnverified: z.boolean(),
  }),
  /** The sync loop changed these cases (delivered, needs attention, a department status arrived): lists showing them reload. */
  'cases:changed': z.object({ caseIds: z.array(z.string().max(64)).max(1000) }),
};
