// Child process for the kill -9 test: accepts cases in a loop and prints each receipt number
// only after the acceptance returned, exactly when the clerk would see it.
import { join } from 'node:path';
import { createApp } from '../../app/app';
import { PNG_BYTES, socialSecurityCardApplication, ZHANG_SAN } from './intake-fixtures';
import { applicationSchema } from '@tongban/protocol/cases/application';
import { REPO_ROOT } from '../../testing/repo-root';

async function main(): Promise<void> {
  const [dataDir, clerkIdText, dayText] = process.argv.slice(2) as [string, string, string];
  const root = REPO_ROOT;
  // Each run works on its own business day, so a fast loop cannot exhaust one day's 9,999 numbers.
  const base = Date.parse('2026-01-01T02:00:00Z') + Number(dayText) * 86_400_000 - Date.now();
  const now = () => new Date(Date.now() + base);
  const app = await createApp({
    firstPasswordChange: false,
    dataDir,
    migrationsDir: join(root, 'migrations'),
    resourcesDir: join(root, 'resources'),
    runtime: 'browser-host',
    version: 'crash-test',
    now,
  });
  const staff = { id: Number(clerkIdText), name: 'clerk1', role: 'clerk' as const };
  // A draft ready for 受理: photo attached and the applicant verified (人证核验 comes before acceptance).
  const prepare = () => {
    const caseId = app.services.intake.createDraft(staff);
    app.services.intake.addAttachment(staff, { caseId, materialCode: 'PHOTO', fileName: 'p.png', bytes: PNG_BYTES });
    app.services.identity.service.verify(staff, {
      caseId,
      role: 'applicant',
      method: 'manual',
      manualReason: '崩溃测试：人工核验',
      person: ZHANG_SAN,
      confirmedMatch: true,
    });
    return caseId;
  };
  let caseId = prepare();
  process.stdout.write('READY\n');
  for (;;) {
    const decision = app.services.intake.accept(staff, applicationSchema.parse(socialSecurityCardApplication(caseId)));
    process.stdout.write(`ACK ${decision.caseId} ${decision.documentNo}\n`);
    caseId = prepare();
  }
}

void main();
