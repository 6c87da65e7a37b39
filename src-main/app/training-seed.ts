// What a fresh training data folder holds (decision 0130): the live window's hall and accounts (so
// staff sign in to training with their own password), the simulated card reader with the sample
// cards of resources/test-cards (all 样例), and two sample cases filed for the sample people.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { SYSTEM_ACTOR } from '../audit/audit-log';
import type { Services } from './services';
import type { Staff } from '../cases/intake-service';
import { SettingsRepo } from '../settings/settings-repo';
import { applicationSchema, type ApplicationInput } from '@tongban/protocol/cases/application';

const SEEDED_KEY = 'training.seeded';

/** Copies the live accounts (same username, role, password hash, disabled flag) into the training folder. */
export function mirrorAccounts(training: Services, live: Services): void {
  const upsert = training.db.prepare(
    `INSERT INTO users (username, display_name, role, password_hash, disabled, created_at, updated_at)
     VALUES (@username, @displayName, @role, @passwordHash, @disabled, @at, @at)
     ON CONFLICT (username) DO UPDATE SET display_name = excluded.display_name, role = excluded.role,
       password_hash = excluded.password_hash, disabled = excluded.disabled, updated_at = excluded.updated_at`,
  );
  const at = training.now().toISOString();
  training.db.transaction(() => {
    for (const u of live.auth.users.list()) {
      const record = live.auth.users.byId(u.id);
      if (!record) continue;
      upsert.run({
        username: record.username,
        displayName: record.displayName,
        role: record.role,
        passwordHash: record.passwordHash,
        disabled: record.disabled ? 1 : 0,
        at,
      });
    }
  })();
}

/** A sample person of resources/test-cards. */
interface SampleCard {
  card: { name: string; idNumber: string; address?: string };
  photoFile: string;
}

function sampleCard(resourcesDir: string, cardId: string): SampleCard {
  return JSON.parse(readFileSync(join(resourcesDir, 'test-cards', `${cardId}.json`), 'utf8')) as SampleCard;
}

/** 社会保障卡申领 / 首次申领 for a sample person applying in person. */
function sampleApplication(caseId: string, person: SampleCard['card'], phone: string): ApplicationInput {
  return {
    caseId,
    matterCode: 'CQ-KSTB-0001',
    situationCode: 'FIRST',
    localityDivision: '510104',
    mode: 'self',
    applicant: {
      name: person.name,
      idType: 'resident-id',
      idNumber: person.idNumber,
      phone,
      address: person.address ?? '',
    },
    agent: null,
    form: { insuredDivision: '510104' },
    materials: [
      { code: 'ID-DOC', handling: 'seen-returned', pages: 1 },
      { code: 'PHOTO', handling: 'electronic', pages: 1 },
      { code: 'APPLY-FORM', handling: 'kept-to-mail', pages: 2 },
    ],
    delivery: 'window',
    deliveryAddress: '',
  };
}

/** Files the sample cases: 张三 收件 (accepted), 李四 一次性告知 (application form missing). */
function seedCases(s: Services, staff: Staff): void {
  const resources = s.config.resourcesDir;
  const zhang = sampleCard(resources, 'zhangsan-adult');
  const caseA = s.intake.createDraft(staff);
  s.intake.addAttachment(staff, {
    caseId: caseA,
    materialCode: 'PHOTO',
    fileName: zhang.photoFile,
    bytes: readFileSync(join(resources, 'test-cards', zhang.photoFile)),
  });
  s.identity.service.verify(staff, {
    caseId: caseA,
    role: 'applicant',
    method: 'manual',
    manualReason: '培训样例：样例证件人工核验',
    person: { name: zhang.card.name, idType: 'resident-id', idNumber: zhang.card.idNumber },
    confirmedMatch: true,
  });
  s.intake.accept(staff, applicationSchema.parse(sampleApplication(caseA, zhang.card, '13800138000')));

  const li = sampleCard(resources, 'lisi-adult');
  const caseB = s.intake.createDraft(staff);
  const app = sampleApplication(caseB, li.card, '13900139000');
  app.materials = [
    { code: 'ID-DOC', handling: 'seen-returned', pages: 1 },
    { code: 'PHOTO', handling: 'not-provided', pages: 0 },
    { code: 'APPLY-FORM', handling: 'not-provided', pages: 0 },
  ];
  s.intake.notifyIncomplete(staff, applicationSchema.parse(app));
}

/**
 * Brings a training folder up to date with the live window: hall and accounts every time it opens;
 * the simulated reader and the sample cases once, when the folder is new (or was reset).
 */
export function seedTraining(training: Services, live: Services): void {
  const hall = live.settings.hall();
  if (!hall) return;
  training.settings.setHall(hall);
  mirrorAccounts(training, live);
  const repo = new SettingsRepo(training.db);
  if (repo.get(SEEDED_KEY, z.boolean())) return;
  const settings = training.identity.settings();
  training.identity.updateSettings(SYSTEM_ACTOR, { ...settings, reader: { ...settings.reader, driver: 'simulated' } });
  const first = training.auth.users.list().find((u) => !u.disabled);
  if (first) seedCases(training, { id: first.id, name: first.username, role: first.role });
  repo.set(SEEDED_KEY, true);
  training.audit.append({ actor: SYSTEM_ACTOR, action: 'training.seed', details: { sampleCases: first ? 2 : 0 } });
}
