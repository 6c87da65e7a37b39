import { z } from 'zod';
import { DEPARTMENT_DOCUMENT_KINDS } from '@tongban/protocol/sync/department-documents';
import { base64File } from '../base64';
import { MATERIAL_HANDLINGS } from '@tongban/protocol/cases/application';
import type { CatalogueDiff } from '@tongban/protocol/catalogue/diff';
import { CATALOGUE_VERSION_PATTERN } from '@tongban/protocol/catalogue/version';
import type { AttachmentInfo } from '../cases/case-types';
import type { RerouteView } from '../cases/reroute';
import { COUNTER_ROLES } from '../roles';
import { command, rolesOnly, SIGNED_IN } from './define';

const none = z.object({}).strict();

/** The window-level sync bar and the device's enrolment. */
export interface SyncStatusView {
  state: 'not-configured' | 'offline' | 'online' | 'syncing' | 'unauthenticated' | 'revoked';
  pending: number;
  /** 好差评 and 回访 records waiting to be sent. */
  pendingRecords: number;
  /** Restored from a backup and not yet checked against the gateway: receipt numbers may repeat. */
  numberingUnverified: boolean;
  oldestPendingAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  deviceId: string | null;
  gatewayUrl: string | null;
  district: string | null;
  enrolledAt: string | null;
}

/** How the last catalogue check ended (not-enrolled / no-key: the device cannot take versions). */
export type CatalogueCheckOutcome =
  'none' | 'current' | 'available' | 'refused' | 'unreachable' | 'no-key' | 'not-enrolled';

/** One gateway catalogue version as stored at the window. */
export interface CatalogueVersionSummary {
  version: string;
  publishedAt: string;
  fetchedAt: string;
  state: 'available' | 'active' | 'superseded' | 'rolled-back';
  appliedAt: string | null;
  rolledBackAt: string | null;
}

/** The 事项清单更新 panel: the version in force, a fetched newer one with its diff, rollback, history. */
export interface CatalogueUpdatesView {
  current: { version: string; publishedAt: string; source: 'shipped' | 'gateway' };
  available: { version: string; publishedAt: string; fetchedAt: string; diff: CatalogueDiff } | null;
  /** The version a rollback returns to ('shipped' = the catalogue this build carries), or null: nothing to roll back. */
  rollbackTo: string | null;
  history: CatalogueVersionSummary[];
  lastCheck: { at: string; outcome: CatalogueCheckOutcome; detail: string | null } | null;
}

/** A supplement being put together for a case the department asked to complete (补正). */
export interface SupplementView {
  supplementId: string;
  caseId: string;
  requested: string[];
  attachments: AttachmentInfo[];
}

/** 扫码核验: the address documents' QR codes point at (decision 0196). */
export interface VerifyBaseView {
  /** The administrator's setting; null = the enrolled gateway's address. */
  baseUrl: string | null;
  /** What documents print now (the setting, else the gateway's; null when neither). */
  effective: string | null;
  /** Whether `effective` is a placeholder (example/test/localhost): refused outside 培训模式. */
  placeholder: boolean;
}

/** Sync commands: status, enrolment, sync now, and supplements. */
export const syncCommands = {
  'sync:status': command<SyncStatusView>()(none, SIGNED_IN),
  'sync:configure': command<SyncStatusView>()(
    z
      .object({
        gatewayUrl: z.url({ protocol: /^https?$/ }).max(200),
        code: z.string().trim().min(4, 'enrolment-code-invalid').max(64),
      })
      .strict(),
    rolesOnly('admin'),
  ),
  'sync:now': command<SyncStatusView>()(none, rolesOnly(...COUNTER_ROLES, 'admin')),
  'sync:getVerifyBase': command<VerifyBaseView>()(none, rolesOnly('admin')),
  /** An http(s) address without query or fragment; null = use the gateway's; a placeholder only in 培训模式. */
  'sync:setVerifyBase': command<VerifyBaseView>()(
    z
      .object({
        baseUrl: z
          .url({ protocol: /^https?$/, error: 'verify-url-invalid' })
          .max(200)
          .refine((u) => !/[?#]/.test(u), 'verify-url-invalid')
          .nullable(),
      })
      .strict(),
    rolesOnly('admin'),
  ),
  /** 网络送达: the department's result PDF of a case, fetched from the gateway and checked (to print it). */
  'cases:result': command<{ fileName: string; sha256: string; pdfBase64: string }>()(
    /** `document`: one of the 办理地 department's own documents (details.documents) instead of the 网络送达 result. */
    z.object({ caseId: z.uuid(), document: z.enum(DEPARTMENT_DOCUMENT_KINDS).optional() }).strict(),
    rolesOnly(...COUNTER_ROLES, 'admin'),
  ),
  /** A case refused with department-not-routed: its department and the ones its routing allows instead. */
  'cases:reroute-options': command<RerouteView>()(
    z.object({ caseId: z.uuid() }).strict(),
    rolesOnly(...COUNTER_ROLES, 'admin'),
  ),
  /** Corrects such a case's department to an allowed one and puts its push back in line once (audited). */
  'cases:reroute': command<RerouteView>()(
    z
      .object({
        caseId: z.uuid(),
        departmentId: z.string().regex(/^[A-Z0-9][A-Z0-9-]{2,63}$/, 'department-id'),
      })
      .strict(),
    rolesOnly(...COUNTER_ROLES, 'admin'),
  ),
  'catalogue:updates': command<CatalogueUpdatesView>()(none, rolesOnly('admin')),
  'catalogue:check': command<CatalogueUpdatesView>()(none, rolesOnly('admin')),
  'catalogue:apply': command<CatalogueUpdatesView>()(
    z.object({ version: z.string().regex(CATALOGUE_VERSION_PATTERN) }).strict(),
    rolesOnly('admin'),
  ),
  'catalogue:rollback': command<CatalogueUpdatesView>()(none, rolesOnly('admin')),
  'supplements:start': command<SupplementView>()(z.object({ caseId: z.uuid() }).strict(), rolesOnly(...COUNTER_ROLES)),
  'supplements:attach': command<AttachmentInfo>()(
    z
      .object({
        supplementId: z.uuid(),
        materialCode: z.string().min(1).max(40),
        fileName: z.string().trim().min(1).max(120),
        dataBase64: base64File(14 * 1024 * 1024),
      })
      .strict(),
    rolesOnly(...COUNTER_ROLES),
    15 * 1024 * 1024,
  ),
  'supplements:submit': command<null>()(
    z
      .object({
        supplementId: z.uuid(),
        materials: z
          .array(
            z
              .object({
                code: z.string().min(1).max(40),
                name: z.string().min(1).max(100),
                handling: z.enum(MATERIAL_HANDLINGS),
                pages: z.number().int().min(0).max(999),
              })
              .strict(),
          )
          .min(1, 'required')
          .max(30),
        note: z.string().trim().max(500, 'too-long').default(''),
      })
      .strict(),
    rolesOnly(...COUNTER_ROLES),
  ),
};
