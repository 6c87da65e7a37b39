// RFC 9421 request signatures and RFC 9530 Content-Digest. The window signs one way: label `sig1`, Ed25519,
// SIGNED_COMPONENTS in that order. The verifier accepts any conformant signature that covers at least
// those components: any label, any order of components and parameters, more of either; the base is built
// from the components as listed and `@signature-params` exactly as received. `@path` and `@query` are used
// instead of `@target-uri` so a proxy on another host or port does not break signatures. Pure string work:
// each side hashes and signs with its own crypto.
import { parseDictionary } from './structured-fields';

/** Covered components, in the order they appear in the signature base. */
export const SIGNED_COMPONENTS = ['@method', '@path', '@query', 'content-digest', 'idempotency-key'] as const;
/** The label the window signs with (the verifier accepts any). */
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

/** A signature as received: RFC 9421 allows any label, any parameter order and more components or parameters. */
export interface ReceivedSignature {
  label: string;
  /** Covered component identifiers in the order sent (`@method`, `content-digest` …). */
  components: string[];
  /** The Signature-Input member's value exactly as sent: the `@signature-params` line of the base. */
  paramsValue: string;
  created: number;
  keyid: string;
  nonce: string;
  /** `alg` when sent (it is optional in RFC 9421; the key decides); anything but ed25519 is refused. */
  alg: string | null;
  /** `expires` when sent (seconds). */
  expires: number | null;
  /** The signature bytes, base64. */
  signature: string;
}

/**
 * Finds the first signature (in Signature-Input order) that covers every component of SIGNED_COMPONENTS
 * with `created`, `keyid` and `nonce` parameters, and has a value under the same label in Signature.
 * Null when there is none or the headers are not well-formed structured fields. Components carrying
 * parameters (`;sf`, `;key`, `;req`, `;bs`) are not supported and make that signature unusable.
 */
export function parseSignatures(
  signatureInput: string | undefined,
  signatureHeader: string | undefined,
): ReceivedSignature | null {
  if (!signatureInput || !signatureHeader) return null;
  const inputs = parseDictionary(signatureInput);
  const signatures = parseDictionary(signatureHeader);
  if (!inputs || !signatures) return null;
  for (const [label, member] of inputs) {
    const sig = signatures.get(label)?.value;
    if (!Array.isArray(member.value) || !sig || Array.isArray(sig) || sig.type !== 'binary') continue;
    if (!BASE64_PATTERN.test(sig.value)) continue;
    const components = member.value.map((c) =>
      c.item.type === 'string' && c.params.length === 0 ? c.item.value : null,
    );
    if (components.some((c) => c === null) || new Set(components).size !== components.length) continue;
    if (!SIGNED_COMPONENTS.every((c) => components.includes(c))) continue;
    const params = new Map(member.params);
    const created = params.get('created');
    const expires = params.get('expires');
    const keyid = params.get('keyid');
    const nonce = params.get('nonce');
    const alg = params.get('alg');
    if (created?.type !== 'integer' || keyid?.type !== 'string' || nonce?.type !== 'string') continue;
    if (expires !== undefined && expires.type !== 'integer') continue;
    if (alg !== undefined && (alg.type !== 'string' || alg.value !== 'ed25519')) continue;
    if (!KEYID_PATTERN.test(keyid.value) || !NONCE_PATTERN.test(nonce.value)) continue;
    return {
      label,
      components: components as string[],
      paramsValue: member.raw,
      created: created.value,
      keyid: keyid.value,
      nonce: nonce.value,
      alg: alg ? String(alg.value) : null,
      expires: expires ? Number(expires.value) : null,
      signature: sig.value,
    };
  }
  return null;
}

/**
 * The signature base of a received signature (RFC 9421 §2.5): its components in the order sent, valued by
 * `componentValue` (derived components and lower-case field names; undefined = absent), then
 * `@signature-params` as sent. Null when a covered component is absent from the request.
 */
export function receivedSignatureBase(
  sig: ReceivedSignature,
  componentValue: (name: string) => string | undefined,
): string | null {
  const lines: string[] = [];
  for (const name of sig.components) {
    const value = componentValue(name);
    if (value === undefined) return null;
    lines.push(`"${name}": ${name.startsWith('@') ? value : value.trim()}`);
  }
  lines.push(`"@signature-params": ${sig.paramsValue}`);
  return lines.join('\n');
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
