// Retention (domain-facts §8, PIPL §19/§47): once a case is delivered and finished — or was closed
// at the window (不予受理, or 一次性告知 never completed) — and N days have passed, its personal data
// leaves this PC: names, ID numbers and phones are masked in place (the ledger rows, which were
// masked anyway, stay the same), addresses and form values are cleared, scans and chip data are
// deleted, printed PDFs are removed, 电子签名 images/strokes/text are cleared (hashes kept). Each batch is audited with counts only.
import { rm } from 'node:fs/promises';
import type { Actor, AuditLog } from '../audit/audit-log';
import type { Application } from '@tongban/protocol/cases/application';
import type { RetentionReport } from '@common/supervisor/views';
import { chinaDate } from '@common/time';
import { maskIdNumber, maskName, maskPhone } from '@tongban/protocol/validators';
import type { PersonalRow, RetentionRepo } from './retention-repo';
import { yieldToEventLoop } from '../db/statements';

const BATCH = 200;
const CLEARED = '';

/** The application JSON with its personal fields masked or cleared. */
export function purgedApplication(json: string): string {
  const app = JSON.parse(json) as Application;
  const person = <P extends Application['applicant'] | NonNullable<Application['agent']>>(p: P): P => ({
    ...p,
    name: maskName(p.name),
    idNumber: maskIdNumber(p.idNumber),
    phone: p.phone ? maskPhone(p.phone) : '',
    address: CLEARED,
  });
  return JSON.stringify({
    ...app,
    applicant: person(app.applicant),
    agent: app.agent ? person(app.agent) : null,
    form: Object.fromEntries(Object.keys(app.form ?? {}).map((k) => [k, CLEARED])),
    deliveryAddress: CLEARED,
  });
}

/** Runs retention purges. */
export class RetentionService {
  private running: Promise<RetentionReport> | null = null;

  constructor(private readonly d: { repo: RetentionRepo; audit: AuditLog; days: () => number; now: () => Date }) {}

  /** Purges every due case (or only counts them with `dryRun`); one run at a time. */
  run(actor: Actor, dryRun = false): Promise<RetentionReport> {
    this.running ??= this.purge(actor, dryRun).finally(() => (this.running = null));
    return this.running;
  }

  private async purge(actor: Actor, dryRun: boolean): Promise<RetentionReport> {
    const days = this.d.days();
    const now = this.d.now();
    const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString();
    const report: RetentionReport = {
      cutoffDate: chinaDate(new Date(cutoff)),
      days,
      dryRun,
      cases: 0,
      attachments: 0,
      blobs: 0,
      waybills: 0,
      ratings: 0,
      printedFiles: 0,
      identityRows: 0,
      signatures: 0,
      tickets: 0,
    };
    if (dryRun) {
      report.cases = this.d.repo.due(cutoff, 1_000_000).length;
      return report;
    }
    for (;;) {
      const due = this.d.repo.due(cutoff, BATCH);
      if (!due.length) break;
      const files: string[] = [];
      const batch = {
        cases: 0,
        attachments: 0,
        blobs: 0,
        waybills: 0,
        ratings: 0,
        printedFiles: 0,
        identityRows: 0,
        signatures: 0,
        tickets: 0,
      };
      this.d.repo.db.transaction(() => {
        for (const c of due) this.purgeCase(c, batch, files, days, now.toISOString());
        this.d.audit.append({
          actor,
          action: 'retention.purge',
          details: { cutoff, days, ...batch, caseIds: due.map((c) => c.case_id) },
        });
      })();
      for (const f of files) await rm(f, { force: true });
      for (const k of Object.keys(batch) as (keyof typeof batch)[]) report[k] += batch[k];
      await yieldToEventLoop();
    }
    return report;
  }

  private purgeCase(c: PersonalRow, n: Record<string, number>, files: string[], days: number, at: string): void {
    const r = this.d.repo;
    r.maskCase(c.case_id, {
      applicantName: maskName(c.applicant_name),
      idNumber: maskIdNumber(c.applicant_id_number),
      phone: c.applicant_phone ? maskPhone(c.applicant_phone) : null,
      agentName: c.agent_name ? maskName(c.agent_name) : null,
      agentIdNumber: c.agent_id_number ? maskIdNumber(c.agent_id_number) : null,
      application: purgedApplication(c.application),
    });
    const deleted = r.deleteAttachments(c.case_id);
    n.attachments = (n.attachments ?? 0) + deleted.attachments;
    n.blobs = (n.blobs ?? 0) + deleted.blobs;
    for (const w of r.resultWaybills(c.case_id)) {
      r.maskWaybill(w.waybill_no, maskName(w.recipient_name), maskPhone(w.recipient_phone));
      n.waybills = (n.waybills ?? 0) + 1;
    }
    const contact = r.ratingContact(c.case_id);
    if (contact?.contact_name || contact?.contact_phone) {
      r.maskRatingContact(
        c.case_id,
        contact.contact_name ? maskName(contact.contact_name) : null,
        contact.contact_phone ? maskPhone(contact.contact_phone) : null,
      );
      n.ratings = (n.ratings ?? 0) + 1;
    }
    for (const p of r.printedFiles(c.case_id)) {
      files.push(p.output_path);
      r.forgetPrintedFile(p.id);
      n.printedFiles = (n.printedFiles ?? 0) + 1;
    }
    n.identityRows =
      (n.identityRows ?? 0) + r.purgeIdentity(c.case_id, at, { name: maskName, id: (s) => maskIdNumber(s) });
    n.signatures = (n.signatures ?? 0) + r.purgeSignatures(c.case_id, at, maskName);
    n.tickets = (n.tickets ?? 0) + r.purgeTickets(c.case_id);
    r.markPurged(c.case_id, at, days);
    n.cases = (n.cases ?? 0) + 1;
  }
}
