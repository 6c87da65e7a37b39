// Identity verification and the card reader, wired once for the app.
import { join } from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Actor, AuditLog } from '../audit/audit-log';
import {
  DEFAULT_IDENTITY_SETTINGS,
  faceThreshold,
  identitySettingsSchema,
  type IdentitySettings,
  type ReaderSettings,
} from '@common/identity/settings';
import { maskIdNumber } from '@tongban/protocol/validators/masking';
import { CasesRepo } from '../cases/cases-repo';
import { DraftsRepo } from '../cases/drafts-repo';
import type { EventBus } from '../events/event-bus';
import type { Logger } from '../log/logger';
import { SettingsRepo } from '../settings/settings-repo';
import { FaceEngine } from './face/face-engine';
import { FaceMatchService } from './face/face-match-service';
import { FaceNoticeService } from './face/face-notice-service';
import { manifestFaceMatches } from './face/face-manifest';
import type { ManifestFaceMatch } from '@tongban/protocol/sync/manifest-face-match';
import { HttpReader } from './http-reader';
import { IdentityService } from './identity-service';
import { NoReader, type CardReader, type DecodePhoto } from './reader';
import { ReaderService } from './reader-service';
import type { HelperLauncher } from './helper-process';
import { SdtapiReader, type HelperCommand } from './sdtapi-reader';
import { loadTestCards } from './simulated-reader';

/**
 * Start-up options: the licensed WLT decoder, and the sdtapi helper's seams: how it is started
 * (Electron passes a utility-process launcher; default a Node child process) and test fakes.
 */
export interface IdentityConfig {
  decodePhoto?: DecodePhoto;
  sdtapi?: { fakeLibrary?: string; env?: Record<string, string>; helper?: HelperCommand; launch?: HelperLauncher };
}

/** What identity needs from the app. */
export interface IdentityDeps {
  db: Database.Database;
  audit: AuditLog;
  events: EventBus;
  log: Logger;
  now: () => Date;
  resourcesDir: string;
  config?: IdentityConfig;
}

/** The identity part of the app. */
export interface Identity {
  reader: ReaderService;
  service: IdentityService;
  /** 人证比对; the face models load on its first comparison, not at start. */
  faceMatch: FaceMatchService;
  /** The PIPL notice on the customer display before a face is captured (decision 0190). */
  notices: FaceNoticeService;
  /** 人证比对 the case manifest carries (decision 0154). */
  faceMatchesOf(caseId: string, decidedAt: string | null): ManifestFaceMatch[];
  settings(): IdentitySettings;
  /** Reader, retention and mask; the face-match threshold stays as stored (setFaceThreshold owns it). */
  updateSettings(actor: Actor, next: IdentitySettings): IdentitySettings;
  /** The face-match threshold (already range-checked by the contract), audited old → new. */
  setFaceThreshold(actor: Actor, threshold: number): IdentitySettings;
  /** Masks an ID number with the configured mask. */
  mask(idNumber: string): string;
  /** Purges chip data now and then every hour. */
  startBackground(): void;
  close(): void;
}

const SETTINGS_KEY = 'identity';
const PURGE_INTERVAL_MS = 60 * 60_000;

/** Builds the reader (from the stored settings) and the identity service. */
export function createIdentity(deps: IdentityDeps): Identity {
  const settingsRepo = new SettingsRepo(deps.db);
  const settings = (): IdentitySettings =>
    settingsRepo.get(SETTINGS_KEY, identitySettingsSchema) ?? DEFAULT_IDENTITY_SETTINGS;
  const mask = (idNumber: string) => maskIdNumber(idNumber, settings().idMask);
  const createDriver = (reader: ReaderSettings): CardReader => {
    switch (reader.driver) {
      case 'http':
        return new HttpReader(reader.http);
      case 'sdtapi':
        return new SdtapiReader(reader.sdtapi, {
          ...deps.config?.sdtapi,
          decodePhoto: deps.config?.decodePhoto,
          today: deps.now,
          log: (line) => deps.log.warn('sdtapi helper output', { line }),
        });
      default:
        return new NoReader();
    }
  };
  const reader = new ReaderService({
    events: deps.events,
    log: deps.log,
    now: deps.now,
    mask,
    createDriver,
    testCards: loadTestCards(join(deps.resourcesDir, 'test-cards')),
  });
  reader.configure(settings().reader);
  const service = new IdentityService({
    db: deps.db,
    audit: deps.audit,
    reader,
    drafts: new DraftsRepo(deps.db),
    cases: new CasesRepo(deps.db),
    now: deps.now,
    mask,
    retentionDays: () => settings().chipDataRetentionDays,
  });
  let engine: FaceEngine | null = null;
  const notices = new FaceNoticeService({
    db: deps.db,
    audit: deps.audit,
    now: deps.now,
    openCase: (staff, caseId) => service.openCase(staff, caseId),
  });
  const faceMatch = new FaceMatchService({
    db: deps.db,
    audit: deps.audit,
    reader,
    identity: service,
    now: deps.now,
    mask,
    engine: () => (engine ??= new FaceEngine()),
    threshold: () => faceThreshold(settings()),
    notices,
  });
  let purgeTimer: NodeJS.Timeout | null = null;
  const purge = () => {
    try {
      service.purgeChipData(deps.now());
    } catch (err) {
      deps.log.error('chip data purge failed', { error: err });
    }
  };
  return {
    reader,
    service,
    faceMatch,
    notices,
    faceMatchesOf: (caseId, decidedAt) => manifestFaceMatches(service.repo, caseId, decidedAt),
    settings,
    mask,
    updateSettings(actor, input) {
      const before = settings();
      const { faceMatch: _ignored, ...rest } = input;
      const next: IdentitySettings = { ...rest, ...(before.faceMatch ? { faceMatch: before.faceMatch } : {}) };
      deps.db.transaction(() => {
        settingsRepo.set(SETTINGS_KEY, next);
        deps.audit.append({ actor, action: 'identity.settings', details: { before, after: next } });
      })();
      if (JSON.stringify(before.reader) !== JSON.stringify(next.reader)) reader.configure(next.reader);
      return settings();
    },
    setFaceThreshold(actor, threshold) {
      const current = settings();
      const before = faceThreshold(current);
      deps.db.transaction(() => {
        settingsRepo.set(SETTINGS_KEY, { ...current, faceMatch: { threshold } });
        deps.audit.append({ actor, action: 'identity.face-threshold', details: { before, after: threshold } });
      })();
      return settings();
    },
    startBackground() {
      purge();
      if (!purgeTimer) {
        purgeTimer = setInterval(purge, PURGE_INTERVAL_MS);
        purgeTimer.unref();
      }
    },
    close() {
      if (purgeTimer) clearInterval(purgeTimer);
      purgeTimer = null;
      reader.close();
    },
  };
}
