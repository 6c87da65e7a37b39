import type Database from 'better-sqlite3';
import { statement } from '../db/statements';

/**
 * The gateway lost the case and will know it anew from version 1: the department's statuses seen so
 * far no longer describe it, and the events of the new life must not be skipped as old ones.
 */
export function forgetDepartmentState(db: Database.Database, caseId: string): void {
  statement(db, 'UPDATE cases SET dept_status = NULL, dept_reason = NULL, dept_details = NULL, dept_case_version = 0 WHERE case_id = ?').run(caseId);
}
