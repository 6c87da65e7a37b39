// Test support for sync tests: accept a complete case through the contract, as a clerk would.
import type pg from 'pg';
import type { App } from '../../src-main/app/app';
import {
  PNG_BYTES,
  socialSecurityCardApplication,
  verifyApplicant,
} from '../../src-main/cases/testing/intake-fixtures';
import type { DecisionView } from '@common/contract';

/** Creates a draft, attaches the photo, verifies the applicant (manual check) and accepts a complete 社会保障卡申领 case; throws on any refusal. */
export async function acceptReadyCase(app: App, caller: string, photo: Buffer = PNG_BYTES): Promise<DecisionView> {
  const draft = await app.call(caller, 'drafts:create', {}, 0);
  if (!draft.ok) throw new Error(JSON.stringify(draft.error));
  const { caseId } = draft.value as { caseId: string };
  const attached = await app.call(
    caller,
    'attachments:add',
    { caseId, materialCode: 'PHOTO', fileName: 'photo.png', dataBase64: photo.toString('base64') },
    0,
  );
  if (!attached.ok) throw new Error(JSON.stringify(attached.error));
  await verifyApplicant(app, caller, caseId);
  const accepted = await app.call(caller, 'intake:accept', { application: socialSecurityCardApplication(caseId) }, 0);
  if (!accepted.ok) throw new Error(JSON.stringify(accepted.error));
  return accepted.value as DecisionView;
}

/** As if the gateway had been restored from a backup taken before the case arrived: the case and all it brought are gone. */
export async function forgetAtGateway(pool: pg.Pool, caseId: string): Promise<void> {
  for (const sql of [
    'DELETE FROM attachment_chunks WHERE attachment_id IN (SELECT attachment_id FROM attachment_slots WHERE case_id = $1)',
    'DELETE FROM attachment_slots WHERE case_id = $1',
    'DELETE FROM supplements WHERE case_id = $1',
    'DELETE FROM follow_up_steps WHERE case_id = $1',
    'DELETE FROM follow_ups WHERE case_id = $1',
    'DELETE FROM ratings WHERE case_id = $1',
    'DELETE FROM status_events WHERE case_id = $1',
    'DELETE FROM window_case_events WHERE case_id = $1',
    'DELETE FROM backoffice_outbox WHERE case_id = $1',
    'DELETE FROM ticket_events WHERE ticket_id IN (SELECT ticket_id FROM case_tickets WHERE case_id = $1)',
    'DELETE FROM case_ticket_messages WHERE ticket_id IN (SELECT ticket_id FROM case_tickets WHERE case_id = $1)',
    'DELETE FROM case_tickets WHERE case_id = $1',
    'DELETE FROM case_originals WHERE case_id = $1',
    'DELETE FROM result_fetches WHERE case_id = $1',
    'DELETE FROM case_results WHERE case_id = $1',
    'DELETE FROM issued_documents WHERE case_id = $1',
    'DELETE FROM case_facts WHERE case_id = $1',
    'DELETE FROM department_documents WHERE case_id = $1',
    'DELETE FROM department_document_numbers WHERE case_id = $1',
    'DELETE FROM case_parts WHERE case_id = $1',
    'DELETE FROM cases WHERE case_id = $1',
  ]) {
    await pool.query(sql, [caseId]);
  }
}
