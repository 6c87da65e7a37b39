import type Database from 'better-sqlite3-multiple-ciphers';
import { statement } from '../db/statements';

/** A draft as stored: the wizard's state as JSON plus who owns it. */
export interface DraftRecord {
  caseId: string;
  ownerId: number;
  matterCode: string | null;
  situationCode: string | null;
  data: unknown;
  createdAt: string;
  updatedAt: string;
}

interface DraftRow {
  case_id: string;
  owner_id: number;
  matter_code: string | null;
  situation_code: string | null;
  data: string;
  created_at: string;
  updated_at: string;
}

const toRecord = (r: DraftRow): DraftRecord => ({
  caseId: r.case_id,
  ownerId: r.owner_id,
  matterCode: r.matter_code,
  situationCode: r.situation_code,
  data: JSON.parse(r.data) as unknown,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** SQL for drafts. */
export class DraftsRepo {
  constructor(private readonly db: Database.Database) {}

  insert(caseId: string, ownerId: number, data: unknown, at: string): void {
    statement(
      this.db,
      'INSERT INTO drafts (case_id, owner_id, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
    ).run(caseId, ownerId, JSON.stringify(data), at, at);
  }

  /** Saves the wizard state; false when the draft does not exist. */
  update(
    caseId: string,
    fields: { matterCode: string | null; situationCode: string | null; data: unknown },
    at: string,
  ): boolean {
    const info = statement(
      this.db,
      'UPDATE drafts SET matter_code = ?, situation_code = ?, data = ?, updated_at = ? WHERE case_id = ?',
    ).run(fields.matterCode, fields.situationCode, JSON.stringify(fields.data), at, caseId);
    return info.changes === 1;
  }

  get(caseId: string): DraftRecord | null {
    const row = statement<[string], DraftRow>(this.db, 'SELECT * FROM drafts WHERE case_id = ?').get(caseId);
    return row ? toRecord(row) : null;
  }

  listByOwner(ownerId: number): DraftRecord[] {
    return statement<[number], DraftRow>(
      this.db,
      'SELECT * FROM drafts WHERE owner_id = ? ORDER BY updated_at DESC LIMIT 50',
    )
      .all(ownerId)
      .map(toRecord);
  }

  delete(caseId: string): void {
    statement(this.db, 'DELETE FROM drafts WHERE case_id = ?').run(caseId);
  }
}
