// RFC 9421-style request signatures and RFC 9530 Content-Digest, as this protocol profiles them:
// one signature labelled `sig1`, Ed25519, over exactly SIGNED_COMPONENTS in that order. `@path`
// and `@query` are used instead of `@target-uri` so a proxy on another host or port does not break
// signatures. Pure string work: each side hashes and signs with its own crypto.

/** Covered components, in the order they appear in the signature base. */
export const SIGNED_COMPONENTS = ['@method', '@path', '@query', 'content-digest', 'idempotency-key'] as const;
/** The only signature label this protocol uses. */
export const SIGNATURE_LABEL = 'sig1';
/** How far (seconds) `created` may be from the gateway's clock. */
export const MAX_CLOCK_SKEW_SECONDS = 300;
/** The Idempotency-Key value of a request that has none (GET, HEAD, reconcile). */
export const NO_IDEMPOTENCY_KEY = '-';

/** Signature parameters; `nonce` is at least 16 random bytes in base64url. */
export interface SignatureParams {
  created: number;
  keyid: string;
  nonce: string;
  alg: 'ed25519';
}

/** The parts of a request that are signed; `query` is the `@query` value ('?' when there is none). */
export interface SignedRequestParts {
  method: string;
  path: string;
  query: string;
  contentDigest: string;
  idempotencyKey: string;
}

const NONCE_PATTERN = /^[A-Za-z0-9_-]{22,128}$/;
const KEYID_PATTERN = /^[A-Za-z0-9._-]{1,128}$/;
const BASE64_PATTERN = /^[A-Za-z0-9+/]+={0,2}$/;

/** Splits a request target (`/v1/x?a=1`) into the `@path` and `@query` values (`?` when no query). */
export function splitTarget(target: string): { path: string; query: string } {
  const q = target.indexOf('?');
  return q < 0 ? { path: target, query: '?' } : { path: target.slice(0, q), query: target.slice(q) };
}

/** The value of `sig1` in Signature-Input (and of `@signature-params`): `("@method" …);created=…;…`. */
export function signatureParamsValue(params: SignatureParams): string {
  const components = SIGNED_COMPONENTS.map((c) => `"${c}"`).join(' ');
  return `(${components});created=${params.created};keyid="${params.keyid}";nonce="${params.nonce}";alg="${params.alg}"`;
}

/** The whole Signature-Input header value: `sig1=(…);created=…;keyid="…";nonce="…";alg="ed25519"`. */
export function formatSignatureInput(params: SignatureParams): string {
  return `${SIGNATURE_LABEL}=${signatureParamsValue(params)}`;
}

/** The signature base (RFC 9421 §2.5): one line per component, then `@signature-params`; no final newline. */
export function signatureBase(req: SignedRequestParts, params: SignatureParams): string {
  const values: Record<(typeof SIGNED_COMPONENTS)[number], string> = {
    '@method': req.method.toUpperCase(),
    '@path': req.path,
    '@query': req.query,
    'content-digest': req.contentDigest.trim(),
    'idempotency-key': req.idempotencyKey.trim(),
  };
  const lines = SIGNED_COMPONENTS.map((c) => `"${c}": ${values[c]}`);
  lines.push(`"@signature-params": ${signatureParamsValue(params)}`);
  return lines.join('\n');
}

/**
 * Parses a Signature-Input header of this profile; null when it is malformed, has another label,
 * covers other components, or has other parameters. Parameter order is free; the result is
 * re-serialised canonically by `signatureParamsValue`, so signers must use that form.
 */
export function parseSignatureInput(header: string | undefined): SignatureParams | null {
  if (!header) return null;
  const m = /^\s*sig1=\(([^)]*)\)((?:;[a-z]+=(?:"[^"\\]*"|\d{1,15}))+)\s*$/.exec(header);
  if (!m) return null;
  const components = (m[1] ?? '').trim().split(/\s+/);
  const expected = SIGNED_COMPONENTS.map((c) => `"${c}"`);
  if (components.length !== expected.length || components.some((c, i) => c !== expected[i])) return null;
  const found = new Map<string, string>();
  for (const part of (m[2] ?? '').split(';').slice(1)) {
    const eq = part.indexOf('=');
    const key = part.slice(0, eq);
    if (found.has(key)) return null;
    found.set(key, part.slice(eq + 1));
  }
  if (found.size !== 4) return null;
  const created = found.get('created');
  const unquote = (v: string | undefined) => (v && v.startsWith('"') ? v.slice(1, -1) : null);
  const keyid = unquote(found.get('keyid'));
  const nonce = unquote(found.get('nonce'));
  const alg = unquote(found.get('alg'));
  if (!created || !/^\d+$/.test(created) || keyid === null || nonce === null || alg !== 'ed25519') return null;
  if (!KEYID_PATTERN.test(keyid) || !NONCE_PATTERN.test(nonce)) return null;
  return { created: Number(created), keyid, nonce, alg };
}

/** The base64 signature of `sig1` in a Signature header (`sig1=:…:`), or null. */
export function parseSignatureHeader(header: string | undefined): string | null {
  if (!header) return null;
  const m = /^\s*sig1=:([A-Za-z0-9+/=]+):\s*$/.exec(header);
  return m && BASE64_PATTERN.test(m[1] ?? '') ? (m[1] ?? null) : null;
}

/** The Signature header value for a base64 signature. */
export function formatSignatureHeader(signatureBase64: string): string {
  return `${SIGNATURE_LABEL}=:${signatureBase64}:`;
}

/** The base64 SHA-256 digest in a Content-Digest header (`sha-256=:…:`, other algorithms ignored), or null. */
export function parseContentDigest(header: string | undefined): string | null {
  if (!header) return null;
  for (const member of header.split(',')) {
    const m = /^\s*([a-z0-9-]+)=:([A-Za-z0-9+/=]*):\s*$/.exec(member);
    if (!m) return null;
    if (m[1] === 'sha-256') return BASE64_PATTERN.test(m[2] ?? '') ? (m[2] ?? null) : null;
  }
  return null;
}

/** The Content-Digest header value for a base64 SHA-256 digest. */
export function formatContentDigest(sha256Base64: string): string {
  return `sha-256=:${sha256Base64}:`;
}
