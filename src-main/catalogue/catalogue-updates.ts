// 清单化管理 at the window: fetch the gateway's newest catalogue version, verify its signature with the key pinned
// at enrolment, keep it until an administrator applies it (after reading the diff), apply it atomically, and roll
// back to the previously applied version (docs/catalogue.md "Versions from the gateway").
import { createPublicKey, verify } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import {
  catalogueLatestResponseSchema,
  catalogueSignedText,
  parseCatalogueBundle,
  type CatalogueBundle,
} from '@tongban/protocol/catalogue/bundle';
import { diffCatalogues } from '@tongban/protocol/catalogue/diff';
import { compareCatalogueVersions } from '@tongban/protocol/catalogue/version';
import type { CatalogueCheckOutcome, CatalogueUpdatesView } from '@common/contract/sync';
import { AppError } from '@common/errors';
import type { Actor, AuditLog } from '../audit/audit-log';
import type { Logger } from '../log/logger';
import type { CatalogueService } from './catalogue-service';
import { CatalogueVersionsRepo, type StoredVersion } from './versions-repo';

/** The gateway's answer to GET /v1/catalogue/latest, as the sync client returns it. */
export interface LatestReply {
  status: number | null;
  body: unknown;
  errorCode?: string;
}

/** How the last check ended. */
export type CheckOutcome = CatalogueCheckOutcome;

const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** Whether `signature` is the pinned key's Ed25519 signature of the version's signed text. */
export function verifyCatalogueSignature(
  rawKey: string,
  v: { version: string; publishedAt: string; catalogue: unknown; routing: unknown; signature: string },
): boolean {
  try {
    const key = createPublicKey({
      key: Buffer.concat([SPKI_ED25519_PREFIX, Buffer.from(rawKey, 'base64')]),
      format: 'der',
      type: 'spki',
    });
    return verify(null, Buffer.from(catalogueSignedText(v), 'utf8'), key, Buffer.from(v.signature, 'base64'));
  } catch {
    return false;
  }
}

/** What the service needs. */
export interface CatalogueUpdatesDeps {
  db: Database.Database;
  catalogue: CatalogueService;
  audit: AuditLog;
  log: Logger;
  now: () => Date;
  /** The pinned catalogue key of the enrolled device; undefined when not enrolled, null when enrolled without one. */
  pinnedKey: () => string | null | undefined;
  /** Sends the signed GET /v1/catalogue/latest?have=…; null when not enrolled. */
  fetchLatest: (have: string) => Promise<LatestReply | null>;
}

const SYSTEM: Actor = { id: null, name: 'system' };

/** Steps of applying a version (progress): verified again, diffed, committed; the end puts it in force. */
export const CATALOGUE_APPLY_STEPS = 4;

/** Fetch, review, apply and roll back gateway catalogue versions. */
export class CatalogueUpdates {
  readonly repo: CatalogueVersionsRepo;
  private lastCheck: CatalogueUpdatesView['lastCheck'] = null;

  constructor(private readonly d: CatalogueUpdatesDeps) {
    this.repo = new CatalogueVersionsRepo(d.db);
  }

  /** The stored version's bundle, verified again with the pinned key and parsed; null when it does not hold up. */
  private load(v: StoredVersion): CatalogueBundle | null {
    const key = this.d.pinnedKey();
    const signed = { ...v, catalogue: JSON.parse(v.catalogue) as unknown, routing: JSON.parse(v.routing) as unknown };
    if (!key || !verifyCatalogueSignature(key, signed)) return null;
    const parsed = parseCatalogueBundle({ catalogue: signed.catalogue, routing: signed.routing });
    return parsed.ok ? parsed.bundle : null;
  }

  /** A stored version's bundle for cases filed under it (signature not re-checked: it was when applied). */
  storedBundle(version: string): CatalogueBundle | null {
    const v = this.repo.get(version);
    if (!v || v.state === 'available') return null;
    const parsed = parseCatalogueBundle({ catalogue: JSON.parse(v.catalogue), routing: JSON.parse(v.routing) });
    return parsed.ok ? parsed.bundle : null;
  }

  /** At start: puts the active version in force when it still verifies and is newer than the shipped one. */
  restore(): void {
    const active = this.repo.active();
    if (!active) return;
    const bundle = this.load(active);
    const newer = (compareCatalogueVersions(active.version, this.d.catalogue.version()) ?? 0) > 0;
    if (bundle && newer) this.d.catalogue.use(bundle);
    else this.d.log.warn('active catalogue version not used', { version: active.version, verified: !!bundle, newer });
  }

  private record(outcome: CheckOutcome, detail: string | null = null): CheckOutcome {
    this.lastCheck = { at: this.d.now().toISOString(), outcome, detail };
    return outcome;
  }

  /** Asks the gateway for a newer version; a verified one is stored as available (never applied here). */
  async check(): Promise<CheckOutcome> {
    const key = this.d.pinnedKey();
    if (key === undefined) return this.record('not-enrolled');
    if (key === null) return this.record('no-key');
    const reply = await this.d.fetchLatest(this.d.catalogue.version());
    if (!reply) return this.record('not-enrolled');
    if (reply.status === null || reply.status >= 500) return this.record('unreachable');
    if (reply.status === 404 && reply.errorCode === 'not-found') return this.record('none'); // an older gateway
    const parsed = reply.status === 200 ? catalogueLatestResponseSchema.safeParse(reply.body) : null;
    if (!parsed?.success) return this.record('refused', reply.errorCode ?? `HTTP ${reply.status}`);
    const body = parsed.data;
    if (body.status !== 'available') return this.record(body.status);
    if ((compareCatalogueVersions(body.version, this.d.catalogue.version()) ?? 0) <= 0) return this.record('current');
    if (!verifyCatalogueSignature(key, body)) return this.refuse(body.version, 'signature-invalid');
    const bundle = parseCatalogueBundle({ catalogue: body.catalogue, routing: body.routing });
    if (!bundle.ok) return this.refuse(body.version, 'invalid', bundle.errors.length);
    if (bundle.bundle.catalogue.catalogueVersion !== body.version) return this.refuse(body.version, 'version-mismatch');
    const stored = this.repo.insertFetched({
      version: body.version,
      publishedAt: body.publishedAt,
      catalogue: JSON.stringify(body.catalogue),
      routing: JSON.stringify(body.routing),
      signature: body.signature,
      fetchedAt: this.d.now().toISOString(),
    });
    if (stored)
      this.d.audit.append({ actor: SYSTEM, action: 'catalogue.fetched', target: `catalogue:${body.version}` });
    return this.record(this.repo.get(body.version)?.state === 'available' ? 'available' : 'current');
  }

  private refuse(version: string, reason: string, errors?: number): CheckOutcome {
    this.d.log.warn('gateway catalogue version refused', { version, reason });
    this.d.audit.append({
      actor: SYSTEM,
      action: 'catalogue.refused',
      target: `catalogue:${version}`,
      details: { reason, ...(errors === undefined ? {} : { errors }) },
    });
    return this.record('refused', reason);
  }

  /** The newest fetched version not yet applied, newer than the one in force. */
  private pending(): StoredVersion | null {
    const current = this.d.catalogue.version();
    const candidates = this.repo
      .list()
      .filter((v) => v.state === 'available' && (compareCatalogueVersions(v.version, current) ?? 0) > 0)
      .sort((a, b) => compareCatalogueVersions(b.version, a.version) ?? 0);
    return candidates[0] ? this.repo.get(candidates[0].version) : null;
  }

  view(): CatalogueUpdatesView {
    const active = this.repo.active();
    const bundle = this.d.catalogue.bundle();
    const pending = this.pending();
    const next = pending && this.load(pending);
    return {
      current: {
        version: bundle.catalogue.catalogueVersion,
        publishedAt: active?.publishedAt ?? bundle.catalogue.publishedAt,
        source: active?.version === bundle.catalogue.catalogueVersion ? 'gateway' : 'shipped',
      },
      available:
        pending && next
          ? {
              version: pending.version,
              publishedAt: pending.publishedAt,
              fetchedAt: pending.fetchedAt,
              diff: diffCatalogues(bundle, next),
            }
          : null,
      rollbackTo: active ? (this.repo.previous()?.version ?? 'shipped') : null,
      history: this.repo.list(),
      // Once the fetched version is applied (or withdrawn), "a new version is waiting" no longer holds.
      lastCheck:
        this.lastCheck?.outcome === 'available' && !pending
          ? { ...this.lastCheck, outcome: 'current' }
          : this.lastCheck,
    };
  }

  /** Applies a fetched version: verified again, then the rows and the audit entry in one transaction, then in force. */
  apply(actor: Actor, version: string, onStep: (done: number) => void = () => undefined): CatalogueUpdatesView {
    const target = this.repo.get(version);
    if (!target || target.state !== 'available')
      throw new AppError('not-found', `catalogue version ${version} is not available to apply`);
    const current = this.d.catalogue.bundle();
    if ((compareCatalogueVersions(version, current.catalogue.catalogueVersion) ?? 0) <= 0)
      throw new AppError(
        'catalogue-invalid',
        `catalogue version ${version} is not newer than ${current.catalogue.catalogueVersion}`,
      );
    const bundle = this.load(target);
    if (!bundle) throw new AppError('catalogue-invalid', `catalogue version ${version} no longer verifies`);
    onStep(1);
    const diff = diffCatalogues(current, bundle);
    onStep(2);
    this.d.db.transaction(() => {
      this.repo.activate(version, this.d.now().toISOString());
      this.d.audit.append({
        actor,
        action: 'catalogue.apply',
        target: `catalogue:${version}`,
        details: {
          from: diff.fromVersion,
          to: version,
          added: diff.added.length,
          removed: diff.removed.length,
          changed: diff.changed.length,
        },
      });
    })();
    onStep(3);
    this.d.catalogue.use(bundle);
    return this.view();
  }

  /** Withdraws the version in force and returns to the one applied before it (or the shipped catalogue). */
  rollback(actor: Actor): CatalogueUpdatesView {
    const active = this.repo.active();
    if (!active) throw new AppError('not-found', 'no gateway catalogue version is in force');
    const previous = this.repo.previous();
    const bundle = previous ? this.load(previous) : null;
    if (previous && !bundle)
      throw new AppError('catalogue-invalid', `catalogue version ${previous.version} no longer verifies`);
    this.d.db.transaction(() => {
      this.repo.rollBack(previous?.version ?? null, this.d.now().toISOString());
      this.d.audit.append({
        actor,
        action: 'catalogue.rollback',
        target: `catalogue:${active.version}`,
        details: { from: active.version, to: previous?.version ?? 'shipped' },
      });
    })();
    this.d.catalogue.use(bundle);
    return this.view();
  }
}
