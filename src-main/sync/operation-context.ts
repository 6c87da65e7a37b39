// What every outbox operation needs to build its request; its own module so the case operations and
// the record operations can both use it without importing each other.
import type { AttachmentsRepo } from '../cases/attachments-repo';
import type { CasesRepo, StoredCase } from '../cases/cases-repo';
import type { ManifestSignature } from '@tongban/protocol/sync/manifest-signature';
import type { ManifestFaceMatch } from '@tongban/protocol/sync/manifest-face-match';
import type { ClientOptions } from './gateway-client';
import type { SyncDevice, SyncRepo } from './sync-repo';

/** What an operation needs to build its request. */
export interface OperationContext {
  device: SyncDevice;
  client: ClientOptions;
  cases: CasesRepo;
  attachments: AttachmentsRepo;
  repo: SyncRepo;
  hallDivision: string;
  /** 电子签名 that bind to a stored case (src-main/signatures); none when not wired. */
  signatures?: ((stored: StoredCase) => ManifestSignature[]) | undefined;
  /** 人证比对 carried by a stored case (src-main/identity/face/face-manifest.ts); none when not wired. */
  faceMatches?: ((stored: StoredCase) => ManifestFaceMatch[]) | undefined;
  /** false: a case goes as the case PUT and one PUT per file even when a bundle would do (the bench's per-request mode). */
  bundles?: boolean | undefined;
}
