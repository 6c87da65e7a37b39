// A case the gateway refused with department-not-routed is kept on this PC (nothing is lost); the clerk corrects
// its department to one the routing allows for its matter and locality (from the case's own catalogue version, or
// the version in force when that differs) and the push goes back in line exactly once: the refused rows of the
// case are set pending again (never copied), in one transaction with the correction and its audit entry.
import type Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '@common/errors';
import type { RerouteOption, RerouteView } from '@common/cases/reroute';
import type { AuditLog, Actor } from '../audit/audit-log';
import type { CatalogueService } from '../catalogue/catalogue-service';
import { statement } from '../db/statements';

const REFUSAL = 'department-not-routed';

interface CaseRow {
  case_id: string;
  matter_code: string;
  locality_division: string;
  catalogue_version: string;
  department_id: string | null;
  department_name: string | null;
  sync_state: string;
  attention_reason: string | null;
}

/** The reroute commands' service. */
export class CaseReroute {
  constructor(
    private readonly d: { db: Database.Database; catalogue: CatalogueService; audit: AuditLog; now: () => Date },
  ) {}

  private row(caseId: string): CaseRow {
    const row = statement<[string], CaseRow>(
      this.d.db,
      `SELECT case_id, matter_code, locality_division, catalogue_version, department_id, department_name, sync_state,
        attention_reason FROM cases WHERE case_id = ? AND outcome = 'accepted'`,
    ).get(caseId);
    if (!row) throw new AppError('not-found', 'no such accepted case', { resource: 'case' });
    return row;
  }

  /** The departments the clerk may choose (never the refused one). */
  view(caseId: string): RerouteView {
    const c = this.row(caseId);
    const options: RerouteOption[] = [];
    const add = (lookup: Pick<CatalogueService, 'route' | 'version'>, caseVersion: boolean) => {
      const route = lookup.route(c.matter_code, c.locality_division);
      if (!route || route.departmentId === c.department_id) return;
      if (options.some((o) => o.departmentId === route.departmentId)) return;
      options.push({
        departmentId: route.departmentId,
        departmentName: route.departmentName,
        catalogueVersion: lookup.version(),
        caseVersion,
      });
    };
    add(this.d.catalogue.at(c.catalogue_version), true);
    add(this.d.catalogue, false);
    return {
      caseId,
      departmentId: c.department_id,
      departmentName: c.department_name,
      catalogueVersion: c.catalogue_version,
      refused: c.sync_state === 'needs-attention' && c.attention_reason === REFUSAL,
      options,
    };
  }

  /** Sets the chosen department and puts the refused push back in line; refused when not waiting for this. */
  apply(actor: Actor, caseId: string, departmentId: string): RerouteView {
    return this.d.db.transaction(() => {
      const before = this.view(caseId);
      if (!before.refused)
        throw new AppError('conflict', 'the case is not refused for its department', {
          reason: 'not-refused-for-routing',
        });
      const option = before.options.find((o) => o.departmentId === departmentId);
      if (!option)
        throw new AppError('conflict', 'the routing does not allow this department', { reason: 'route-not-allowed' });
      statement(this.d.db, 'UPDATE cases SET department_id = ?, department_name = ? WHERE case_id = ?').run(
        option.departmentId,
        option.departmentName,
        caseId,
      );
      const requeued = statement(
        this.d.db,
        `UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = NULL, last_error = NULL
         WHERE case_id = ? AND state = 'failed' AND last_error = ?`,
      ).run(caseId, REFUSAL).changes;
      statement(this.d.db, "UPDATE cases SET sync_state = 'local', attention_reason = NULL WHERE case_id = ?").run(
        caseId,
      );
      this.d.audit.append({
        actor,
        action: 'case.rerouted',
        target: `case:${caseId}`,
        details: {
          from: before.departmentId,
          to: option.departmentId,
          catalogueVersion: option.catalogueVersion,
          caseVersion: option.caseVersion,
          requeued,
        },
      });
      return this.view(caseId);
    })();
  }
}
