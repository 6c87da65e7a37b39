import { z } from 'zod';
import type { LicenceLookupView } from '../licences';
import { base64File } from '../base64';
import { applicationSchema } from '@tongban/protocol/cases/application';
import {
  caseQuerySchema,
  type AttachmentInfo,
  type CaseDetail,
  type CaseList,
  type CaseOutcome,
} from '../cases/case-types';
import type { FormalCheckResult, MissingMaterial } from '../cases/formal-check';
import type { Matter } from '@tongban/protocol/catalogue/schema';
import type { SearchIndex } from '../catalogue/search';
import { COUNTER_ROLES } from '../roles';
import { command, rolesOnly, SIGNED_IN } from './define';

const none = z.object({}).strict();
const caseId = z.object({ caseId: z.uuid() }).strict();
const COUNTER = rolesOnly(...COUNTER_ROLES);

/** The catalogue as the wizard needs it: matters plus the precomputed search index. */
export interface CatalogueView {
  version: string;
  publishedAt: string;
  matters: Matter[];
  searchIndex: SearchIndex;
}

/** Division names for the address and locality pickers (GB/T 2260, three levels). */
export interface DivisionsView {
  version: string;
  provinces: Record<string, string>;
  cities: Record<string, string>;
  counties: Record<string, string>;
}

/** A draft in the clerk's list of unfinished work. */
export interface DraftSummary {
  caseId: string;
  matterCode: string | null;
  situationCode: string | null;
  updatedAt: string;
}

/** A draft with its saved wizard state and attachments. */
export interface DraftView extends DraftSummary {
  data: unknown;
  attachments: AttachmentInfo[];
}

/** The result of a window outcome: the document number and, for 一次性告知, what is missing. */
export interface DecisionView {
  caseId: string;
  outcome: CaseOutcome;
  documentNo: string;
  missing: MissingMaterial[];
}

/** Intake commands: catalogue, drafts, attachments, the three outcomes, case list and detail. */
export const intakeCommands = {
  'catalogue:get': command<CatalogueView>()(none, SIGNED_IN),
  'catalogue:divisions': command<DivisionsView>()(none, SIGNED_IN),
  'catalogue:import': command<{ version: string; matters: number }>()(
    z
      .object({
        text: z
          .string()
          .min(1)
          .max(4 * 1024 * 1024),
      })
      .strict(),
    rolesOnly('admin'),
    5 * 1024 * 1024,
  ),
  'drafts:create': command<{ caseId: string }>()(none, COUNTER),
  'drafts:list': command<DraftSummary[]>()(none, COUNTER),
  'drafts:get': command<DraftView>()(caseId, COUNTER),
  'drafts:save': command<null>()(
    z
      .object({
        caseId: z.uuid(),
        matterCode: z.string().max(40).nullable(),
        situationCode: z.string().max(40).nullable(),
        data: z.json(),
      })
      .strict(),
    COUNTER,
    256 * 1024,
  ),
  'drafts:discard': command<null>()(caseId, COUNTER),
  'drafts:resume': command<{ caseId: string }>()(caseId, COUNTER),
  'attachments:add': command<AttachmentInfo>()(
    z
      .object({
        caseId: z.uuid(),
        materialCode: z.string().min(1).max(40),
        fileName: z.string().trim().min(1).max(120),
        dataBase64: base64File(14 * 1024 * 1024),
      })
      .strict(),
    COUNTER,
    15 * 1024 * 1024,
  ),
  'attachments:remove': command<null>()(z.object({ attachmentId: z.uuid() }).strict(), COUNTER),
  'attachments:get': command<{ mediaType: string; dataBase64: string }>()(
    z.object({ attachmentId: z.uuid() }).strict(),
    COUNTER,
  ),
  'intake:check': command<FormalCheckResult>()(
    z.object({ application: applicationSchema }).strict(),
    COUNTER,
    256 * 1024,
  ),
  'intake:accept': command<DecisionView>()(z.object({ application: applicationSchema }).strict(), COUNTER, 256 * 1024),
  /** 调取电子证照 for one material of the draft (signed gateway lookup; audited with the case as purpose). */
  'licences:lookup': command<LicenceLookupView>()(
    z.object({ application: applicationSchema, materialCode: z.string().min(1).max(40) }).strict(),
    COUNTER,
    256 * 1024,
  ),
  'intake:notifyIncomplete': command<DecisionView>()(
    z.object({ application: applicationSchema }).strict(),
    COUNTER,
    256 * 1024,
  ),
  'intake:reject': command<DecisionView>()(
    z
      .object({
        application: applicationSchema,
        reason: z.string().trim().min(4, 'reason-too-short').max(500, 'too-long'),
      })
      .strict(),
    COUNTER,
    256 * 1024,
  ),
  'cases:list': command<CaseList>()(caseQuerySchema, rolesOnly('clerk', 'helper', 'supervisor', 'admin')),
  'cases:get': command<CaseDetail>()(caseId, rolesOnly('clerk', 'helper', 'supervisor', 'admin')),
};
