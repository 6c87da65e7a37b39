// 电子证照 issuer signatures (decision 0195, docs/licences.md): an issuing authority signs the canonical text of
// each licence (licenceSignedText: type, number, holder, issuer, dates) with its key; the gateway holds the
// authorities' public keys (SPKI PEM; Ed25519, RSA or ECDSA P-256 — what Node's crypto verifies; SM2 cannot be
// checked here yet) in `licence_issuers` and records each licence's check: verified, unverified (no signature,
// or no key for that issuer) or invalid. `licences import` refuses a file with an invalid signature; a key
// loaded later re-checks the stored licences of its issuer.
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import type pg from 'pg';
import { licenceSignedText, type LicenceRecord, type SignatureState } from '@tongban/protocol/licences/licences';

/** A parsed issuer key. */
export interface IssuerKey {
  issuer: string;
  key: KeyObject;
  pem: string;
  keyType: string;
  /** SHA-256 (hex) of the DER public key, printed for the operator to compare with the issuer's. */
  fingerprint: string;
}

const KEY_TYPES = new Set(['ed25519', 'rsa', 'ec']);

/** Parses an issuer's public key (SPKI PEM); a Chinese message when it is not one this gateway can verify with. */
export function parseIssuerKey(
  issuer: string,
  pem: string,
): { ok: true; key: IssuerKey } | { ok: false; message: string } {
  if (issuer.trim() === '') return { ok: false, message: '签发机关名称不能为空' };
  let key: KeyObject;
  try {
    key = createPublicKey({ key: pem, format: 'pem' });
  } catch {
    return { ok: false, message: '不是有效的公钥（须为 PEM 格式的 SubjectPublicKeyInfo）' };
  }
  const keyType = key.asymmetricKeyType ?? '';
  if (!KEY_TYPES.has(keyType)) return { ok: false, message: `不支持的密钥类型 ${keyType}（支持 Ed25519、RSA、ECDSA）` };
  const der = key.export({ type: 'spki', format: 'der' });
  return {
    ok: true,
    key: {
      issuer: issuer.trim(),
      key,
      pem: key.export({ type: 'spki', format: 'pem' }).toString(),
      keyType,
      fingerprint: createHash('sha256').update(der).digest('hex'),
    },
  };
}

/** Whether the record's issuerSignature is the issuer's signature over licenceSignedText. */
export function issuerSignatureValid(record: LicenceRecord, key: IssuerKey): boolean {
  if (!record.issuerSignature) return false;
  const data = Buffer.from(licenceSignedText(record), 'utf8');
  const signature = Buffer.from(record.issuerSignature, 'base64');
  try {
    return verify(key.keyType === 'ed25519' ? null : 'sha256', data, key.key, signature);
  } catch {
    return false;
  }
}

/** The check of one record against the keys by issuer name. */
export function signatureState(record: LicenceRecord, keys: ReadonlyMap<string, IssuerKey>): SignatureState {
  const key = keys.get(record.issuer);
  if (!record.issuerSignature || !key) return 'unverified';
  return issuerSignatureValid(record, key) ? 'verified' : 'invalid';
}

/** The issuer keys stored in the gateway's database. */
export async function storedIssuerKeys(db: pg.Pool | pg.PoolClient): Promise<Map<string, IssuerKey>> {
  const { rows } = await db.query<{ issuer: string; public_key: string }>(
    'SELECT issuer, public_key FROM licence_issuers',
  );
  const keys = new Map<string, IssuerKey>();
  for (const r of rows) {
    const parsed = parseIssuerKey(r.issuer, r.public_key);
    if (parsed.ok) keys.set(r.issuer, parsed.key);
  }
  return keys;
}

/** Stores (or replaces) an issuer's key. */
export async function saveIssuerKey(db: pg.PoolClient, key: IssuerKey): Promise<void> {
  await db.query(
    `INSERT INTO licence_issuers (issuer, public_key, key_type, fingerprint) VALUES ($1, $2, $3, $4)
     ON CONFLICT (issuer) DO UPDATE SET public_key = excluded.public_key, key_type = excluded.key_type,
       fingerprint = excluded.fingerprint, loaded_at = now()`,
    [key.issuer, key.pem, key.keyType, key.fingerprint],
  );
}

interface StoredLicenceRow {
  licence_type: string;
  type_name: string;
  number: string;
  holder_name: string;
  holder_id: string;
  issuer: string;
  issued_on: string;
  valid_until: string | null;
  status: LicenceRecord['status'];
  issuer_signature: string | null;
}

/** Re-checks the stored licences of one issuer against its (new) key; returns how many ended in each state. */
export async function recheckIssuer(db: pg.PoolClient, key: IssuerKey): Promise<Record<SignatureState, number>> {
  const { rows } = await db.query<StoredLicenceRow>(
    `SELECT licence_type, type_name, number, holder_name, holder_id, issuer, to_char(issued_on, 'YYYY-MM-DD') AS issued_on,
            to_char(valid_until, 'YYYY-MM-DD') AS valid_until, status, issuer_signature
     FROM licences WHERE issuer = $1`,
    [key.issuer],
  );
  const counts: Record<SignatureState, number> = { verified: 0, unverified: 0, invalid: 0 };
  const keys = new Map([[key.issuer, key]]);
  for (const r of rows) {
    const state = signatureState(
      {
        licenceType: r.licence_type,
        typeName: r.type_name,
        number: r.number,
        holderName: r.holder_name,
        holderId: r.holder_id,
        issuer: r.issuer,
        issuedOn: r.issued_on,
        validUntil: r.valid_until,
        status: r.status,
        issuerSignature: r.issuer_signature,
      },
      keys,
    );
    counts[state]++;
    await db.query('UPDATE licences SET signature_state = $3 WHERE licence_type = $1 AND number = $2', [
      r.licence_type,
      r.number,
      state,
    ]);
  }
  return counts;
}
