// Test support: a real app (real SQLite file, real migrations) with staff of every role signed in,
// the simulated reader, and the steps of 人证核验 at the window through the contract.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../../app/app';
import type { PushedEvent } from '../../events/event-bus';
import { createUser, initialised, REPO_ROOT } from '../../testing/test-app';
import type { ApplicationInput } from '@tongban/protocol/cases/application';
import type { CardReadView, IdentitySettings, VerificationView } from '@common/contract/identity';
import { DEFAULT_IDENTITY_SETTINGS } from '@common/identity/settings';
import { PNG_BYTES, socialSecurityCardApplication } from '../../cases/testing/intake-fixtures';
import type { IdentityConfig } from '..';

/** An app with callers 'admin', 'clerk', 'supervisor' and 'helper' signed in, and every pushed event recorded. */
export interface IdentityTestApp {
  app: App;
  dataDir: string;
  clock: { now: Date; advanceDays(days: number): void };
  events: PushedEvent[];
  dispose(): void;
}

/** Calls a command and fails the test unless it succeeds. */
export async function ok<T>(app: App, caller: string, name: string, input: unknown = {}): Promise<T> {
  const r = await app.call(caller, name, input, JSON.stringify(input).length);
  if (!r.ok) throw new Error(`${name} failed: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

/** Calls a command expected to fail; returns its error. */
export async function refused(
  app: App,
  caller: string,
  name: string,
  input: unknown = {},
): Promise<{ code: string; details?: Record<string, unknown> }> {
  const r = await app.call(caller, name, input, JSON.stringify(input).length);
  if (r.ok) throw new Error(`${name} unexpectedly succeeded: ${JSON.stringify(r.value)}`);
  return r.error;
}

/** Builds the app on a fresh data folder at 2026-11-30 10:00 (China), with staff of every role. */
export async function identityApp(identity?: IdentityConfig): Promise<IdentityTestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tongban-identity-'));
  const clock = {
    now: new Date('2026-11-30T02:00:00.000Z'),
    advanceDays(days: number) {
      clock.now = new Date(clock.now.getTime() + days * 86_400_000);
    },
  };
  const app = await createApp({
    firstPasswordChange: false,
    dataDir,
    migrationsDir: join(REPO_ROOT, 'migrations'),
    resourcesDir: join(REPO_ROOT, 'resources'),
    runtime: 'browser-host',
    version: '0.0.0-test',
    now: () => clock.now,
    ...(identity ? { identity } : {}),
  });
  const events: PushedEvent[] = [];
  app.services.events.subscribe((e) => events.push(e));
  await initialised(app, 'admin');
  for (const role of ['clerk', 'supervisor', 'helper']) {
    await createUser(app, 'admin', `${role}1`, role);
    await ok(app, role, 'auth:login', { username: `${role}1`, password: 'Passw0rd!' });
  }
  return {
    app,
    dataDir,
    clock,
    events,
    dispose() {
      app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Switches the window to the simulated reader (optionally polling). */
export async function useReader(
  app: App,
  reader: Partial<IdentitySettings['reader']>,
  change: Partial<IdentitySettings> = {},
): Promise<IdentitySettings> {
  const next: IdentitySettings = {
    ...DEFAULT_IDENTITY_SETTINGS,
    ...change,
    reader: { ...DEFAULT_IDENTITY_SETTINGS.reader, ...reader },
  };
  return ok<IdentitySettings>(app, 'admin', 'identity:updateSettings', next);
}

/**
 * The PIPL notice as the customer display handles it: the clerk opens it, the display (no staff session)
 * fetches and agrees to it. Returns the notice id identity:faceMatch needs.
 */
export async function agreedNotice(app: App, caller: string, caseId: string, role = 'applicant'): Promise<string> {
  const { noticeId, ticket } = await ok<{ noticeId: string; ticket: string }>(app, caller, 'identity:openFaceNotice', {
    caseId,
    role,
  });
  const view = await ok<{ textSha256: string }>(app, 'customer-display', 'identity:faceNoticeView', { ticket });
  await ok(app, 'customer-display', 'identity:faceNoticeAnswer', { ticket, agreed: true, textSha256: view.textSha256 });
  return noticeId;
}

/** A new draft with the photo attached (the 社会保障卡 application needs it). */
export async function newDraft(app: App, caller: string): Promise<string> {
  const { caseId } = await ok<{ caseId: string }>(app, caller, 'drafts:create');
  await ok(app, caller, 'attachments:add', {
    caseId,
    materialCode: 'PHOTO',
    fileName: 'photo.png',
    dataBase64: PNG_BYTES.toString('base64'),
  });
  return caseId;
}

/** Puts a sample card on the simulated reader and reads it as the clerk would click 读卡. */
export async function readSample(app: App, caller: string, cardId: string): Promise<CardReadView> {
  await ok(app, caller, 'reader:placeSimulatedCard', { cardId });
  return ok<CardReadView>(app, caller, 'reader:read', {});
}

/** The form's person for a read card (what 从证件填入 puts in the form). */
export function personOf(read: CardReadView): { name: string; idType: string; idNumber: string } {
  return { name: read.card.name, idType: read.idType, idNumber: read.card.idNumber };
}

/** Reads a sample card and verifies it for `role` (人证一致 confirmed), with the form holding `person` (default: the card's holder). */
export async function verifyWithCard(
  app: App,
  caller: string,
  caseId: string,
  role: string,
  cardId: string,
  person?: { name: string; idType: string; idNumber: string },
): Promise<VerificationView> {
  const read = await readSample(app, caller, cardId);
  return ok<VerificationView>(app, caller, 'identity:verify', {
    caseId,
    role,
    method: 'chip-visual',
    readId: read.readId,
    person: person ?? personOf(read),
    confirmedMatch: true,
  });
}

/** The 社会保障卡 application of the holder of a sample card. */
export function applicationFor(
  caseId: string,
  read: CardReadView,
  overrides: Partial<ApplicationInput> = {},
): ApplicationInput {
  return socialSecurityCardApplication(caseId, {
    applicant: {
      name: read.card.name,
      idType: read.idType,
      idNumber: read.card.idNumber,
      phone: '13800138000',
      address: '',
    },
    ...overrides,
  });
}
