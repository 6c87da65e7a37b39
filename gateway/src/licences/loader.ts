// Loading the built-in provider's table from a file an administrator exports from the issuers' registers:
// JSON (an array of records, or `{ "licences": [...] }`) or CSV (UTF-8, a header row naming the fields).
// Fields (docs/licences.md): licenceType, typeName, number, holderName, holderId, issuer, issuedOn,
// validUntil (empty = 长期), status (valid/revoked/suspended), issuerSignature (base64, empty = none).
// Every row is checked first; one bad row loads nothing and every error is reported with its row number.
// A JSON file may carry the issuers' public keys (`"issuers": [{ "issuer", "publicKey" }]`): every signature
// is checked on import (issuer-signatures.ts) and an invalid one refuses the whole file.
import type pg from 'pg';
import { z } from 'zod';
import {
  LICENCE_STATUSES,
  LICENCE_TYPE_NAMES_ZH,
  LICENCE_TYPE_PATTERN,
  type LicenceRecord,
} from '@tongban/protocol/licences/licences';
import { validateResidentId } from '@tongban/protocol/validators/resident-id';
import { validateUscc } from '@tongban/protocol/validators/uscc';
import { withTransaction } from '../db/pool';
import { parseIssuerKey, saveIssuerKey, signatureState, storedIssuerKeys, type IssuerKey } from './issuer-signatures';

/** The fields of a licence record, in the CSV's column order. */
export const LICENCE_FIELDS = [
  'licenceType',
  'typeName',
  'number',
  'holderName',
  'holderId',
  'issuer',
  'issuedOn',
  'validUntil',
  'status',
  'issuerSignature',
] as const;

const text = (max: number) => z.string().trim().min(1, '不能为空').max(max, '过长');
const day = z.iso.date('日期须为 YYYY-MM-DD');

const recordSchema = z
  .strictObject({
    licenceType: z.string().regex(LICENCE_TYPE_PATTERN, '证照类型代码须为大写字母、数字和“-”'),
    typeName: text(40).optional(),
    number: text(64),
    holderName: text(60),
    holderId: z.string().trim().toUpperCase(),
    issuer: text(100),
    issuedOn: day,
    validUntil: z.union([day, z.literal(''), z.null()]).optional(),
    status: z.enum(LICENCE_STATUSES, '状态须为 valid、revoked 或 suspended'),
    issuerSignature: z
      .union([z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, '签名须为 base64'), z.literal(''), z.null()])
      .optional(),
  })
  .superRefine((r, ctx) => {
    const id = r.holderId;
    if (!validateResidentId(id).ok && !validateUscc(id).ok)
      ctx.addIssue({
        code: 'custom',
        path: ['holderId'],
        message: '持证人证件号码须为有效的公民身份号码或统一社会信用代码',
      });
    if (!r.typeName && !LICENCE_TYPE_NAMES_ZH[r.licenceType])
      ctx.addIssue({ code: 'custom', path: ['typeName'], message: '未知证照类型须给出 typeName' });
    if (r.validUntil && r.validUntil < r.issuedOn)
      ctx.addIssue({ code: 'custom', path: ['validUntil'], message: '有效期截止早于签发日期' });
  });

/** One problem of a file: the row (1 = first record; CSV: the line after the header) and the field. */
export interface LoadError {
  row: number;
  field: string;
  message: string;
}

/** Parses CSV text (RFC 4180: quotes, doubled quotes, CRLF) into rows of cells. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endRow = () => {
    row.push(cell);
    cell = '';
    if (row.some((c) => c !== '')) rows.push(row);
    row = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
    } else cell += ch;
  }
  endRow();
  return rows;
}

/** Parses the `issuers` section of a JSON file; errors name `issuers.N.field`. */
function fileIssuers(list: unknown): { keys: IssuerKey[]; errors: LoadError[] } {
  const keys: IssuerKey[] = [];
  const errors: LoadError[] = [];
  if (list === undefined) return { keys, errors };
  if (!Array.isArray(list)) return { keys, errors: [{ row: 0, field: 'issuers', message: '须为数组' }] };
  list.forEach((item: unknown, i) => {
    const { issuer, publicKey } = (item ?? {}) as { issuer?: unknown; publicKey?: unknown };
    if (typeof issuer !== 'string' || typeof publicKey !== 'string') {
      errors.push({ row: 0, field: `issuers.${i}`, message: '须有 issuer 和 publicKey（PEM）' });
      return;
    }
    const parsed = parseIssuerKey(issuer, publicKey);
    if (parsed.ok) keys.push(parsed.key);
    else errors.push({ row: 0, field: `issuers.${i}.publicKey`, message: parsed.message });
  });
  return { keys, errors };
}

/** The raw records of a file's text: JSON when it starts with `[` or `{`, else CSV with a header row. */
function rawRecords(
  text: string,
): { ok: true; records: unknown[]; issuers: IssuerKey[] } | { ok: false; errors: LoadError[] } {
  const body = text.replace(/^\uFEFF/, '').trim();
  if (body.startsWith('[') || body.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch (err) {
      return { ok: false, errors: [{ row: 0, field: '', message: `不是有效的 JSON：${(err as Error).message}` }] };
    }
    const list = Array.isArray(json) ? json : (json as { licences?: unknown }).licences;
    if (!Array.isArray(list))
      return { ok: false, errors: [{ row: 0, field: '', message: 'JSON 须为记录数组或 {"licences": [...]}' }] };
    const issuers = fileIssuers(Array.isArray(json) ? undefined : (json as { issuers?: unknown }).issuers);
    if (issuers.errors.length > 0) return { ok: false, errors: issuers.errors };
    return { ok: true, records: list, issuers: issuers.keys };
  }
  const [header, ...lines] = parseCsv(body);
  const names = (header ?? []).map((h) => h.trim());
  const unknown = names.filter((n) => !(LICENCE_FIELDS as readonly string[]).includes(n));
  if (unknown.length > 0 || !names.includes('licenceType'))
    return {
      ok: false,
      errors: [{ row: 0, field: unknown.join(','), message: `CSV 表头须为：${LICENCE_FIELDS.join(',')}` }],
    };
  // An empty cell is an absent field (typeName of a known type, 长期 validity, no signature).
  const record = (cells: string[]) => Object.fromEntries(names.flatMap((n, i) => (cells[i] ? [[n, cells[i]]] : [])));
  return { ok: true, records: lines.map(record), issuers: [] };
}

/** Checks a file's text: every record, or every error (row numbers from 1). */
export function parseLicenceFile(
  text: string,
): { ok: true; records: LicenceRecord[]; issuers: IssuerKey[] } | { ok: false; errors: LoadError[] } {
  const raw = rawRecords(text);
  if (!raw.ok) return raw;
  const errors: LoadError[] = [];
  const records: LicenceRecord[] = [];
  const seen = new Set<string>();
  raw.records.forEach((value, i) => {
    const parsed = recordSchema.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        errors.push({ row: i + 1, field: issue.path.join('.'), message: issue.message });
      return;
    }
    const r = parsed.data;
    const key = `${r.licenceType}\u0000${r.number}`;
    if (seen.has(key)) errors.push({ row: i + 1, field: 'number', message: '同一类型的证照编号重复' });
    seen.add(key);
    records.push({
      licenceType: r.licenceType,
      typeName: r.typeName ?? (LICENCE_TYPE_NAMES_ZH[r.licenceType] as string),
      number: r.number,
      holderName: r.holderName,
      holderId: r.holderId,
      issuer: r.issuer,
      issuedOn: r.issuedOn,
      validUntil: r.validUntil || null,
      status: r.status,
      issuerSignature: r.issuerSignature || null,
    });
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, records, issuers: raw.issuers };
}

/** A file refused because of invalid issuer signatures (nothing was changed); `errors` name each record. */
export class LicenceSignatureError extends Error {
  constructor(readonly errors: LoadError[]) {
    super(`${errors.length} licence(s) with an invalid issuer signature`);
  }
}

/** Import counts: records loaded, deleted (replace), and how their issuer signatures checked. */
export interface ImportCounts {
  loaded: number;
  deleted: number;
  verified: number;
  unverified: number;
}

/**
 * Upserts the records (type + number identify a licence; a re-import updates status and validity).
 * `replace`: the file is the whole register, licences not in it are deleted. `issuers`: the file's issuer
 * keys, stored with it. Every signature is checked against those and the stored keys; an invalid one throws
 * LicenceSignatureError and changes nothing. Returns the counts.
 */
export async function importLicences(
  pool: pg.Pool,
  records: LicenceRecord[],
  opts: { replace?: boolean; issuers?: IssuerKey[] } = {},
): Promise<ImportCounts> {
  return withTransaction(pool, async (client) => {
    for (const key of opts.issuers ?? []) await saveIssuerKey(client, key);
    const keys = await storedIssuerKeys(client);
    const states = records.map((r) => signatureState(r, keys));
    const invalid = states.flatMap((s, i) =>
      s === 'invalid'
        ? [{ row: i + 1, field: 'issuerSignature', message: `签发机关“${records[i]!.issuer}”的签名无效：与其公钥不符` }]
        : [],
    );
    if (invalid.length > 0) throw new LicenceSignatureError(invalid);
    for (let i = 0; i < records.length; i += 500) {
      const chunk = records.slice(i, i + 500);
      const cols = (f: (typeof LICENCE_FIELDS)[number]) => chunk.map((r) => r[f]);
      await client.query(
        `INSERT INTO licences (licence_type, type_name, number, holder_name, holder_id, issuer, issued_on, valid_until,
                               status, issuer_signature, signature_state)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::date[],
                              $8::date[], $9::text[], $10::text[], $11::text[])
         ON CONFLICT (licence_type, number) DO UPDATE SET
           type_name = excluded.type_name, holder_name = excluded.holder_name, holder_id = excluded.holder_id,
           issuer = excluded.issuer, issued_on = excluded.issued_on, valid_until = excluded.valid_until,
           status = excluded.status, issuer_signature = excluded.issuer_signature,
           signature_state = excluded.signature_state, loaded_at = now()`,
        [...LICENCE_FIELDS.map((f) => cols(f)), states.slice(i, i + 500)],
      );
    }
    const verified = states.filter((s) => s === 'verified').length;
    const checked = { verified, unverified: records.length - verified };
    if (!opts.replace) return { loaded: records.length, deleted: 0, ...checked };
    const gone = await client.query(
      `DELETE FROM licences l WHERE NOT EXISTS (
         SELECT 1 FROM unnest($1::text[], $2::text[]) AS f(t, n) WHERE f.t = l.licence_type AND f.n = l.number)`,
      [records.map((r) => r.licenceType), records.map((r) => r.number)],
    );
    return { loaded: records.length, deleted: gone.rowCount ?? 0, ...checked };
  });
}
