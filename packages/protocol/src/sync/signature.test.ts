import { describe, expect, it } from 'vitest';
import {
  formatContentDigest,
  formatSignatureHeader,
  formatSignatureInput,
  parseContentDigest,
  parseSignatures,
  receivedSignatureBase,
  signatureBase,
  splitTarget,
  type SignatureParams,
} from './signature';

const params: SignatureParams = {
  created: 1767225600,
  keyid: '0192f7a0-1c2b-7d3e-8f40-123456789abc',
  nonce: 'AAECAwQFBgcICQoLDA0ODw',
  alg: 'ed25519',
};

// Digest of the empty body: sha-256("") in base64.
const EMPTY_DIGEST = 'sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:';

describe('signature base', () => {
  it('matches the fixed vector for a PUT', () => {
    const base = signatureBase(
      {
        method: 'put',
        path: '/v1/cases/0192f7a0-0000-7000-8000-000000000001',
        query: '?',
        contentDigest: 'sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:',
        idempotencyKey: '0192f7a0-0000-7000-8000-000000000001',
      },
      params,
    );
    expect(base).toBe(
      [
        '"@method": PUT',
        '"@path": /v1/cases/0192f7a0-0000-7000-8000-000000000001',
        '"@query": ?',
        '"content-digest": sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:',
        '"idempotency-key": 0192f7a0-0000-7000-8000-000000000001',
        '"@signature-params": ("@method" "@path" "@query" "content-digest" "idempotency-key");created=1767225600;keyid="0192f7a0-1c2b-7d3e-8f40-123456789abc";nonce="AAECAwQFBgcICQoLDA0ODw";alg="ed25519"',
      ].join('\n'),
    );
  });

  it('uses the raw query string of a GET', () => {
    const { path, query } = splitTarget('/v1/status-events?cursor=abc.def&limit=100');
    expect(path).toBe('/v1/status-events');
    expect(query).toBe('?cursor=abc.def&limit=100');
    expect(splitTarget('/v1/status-events')).toEqual({ path: '/v1/status-events', query: '?' });
    const base = signatureBase(
      { method: 'GET', path, query, contentDigest: EMPTY_DIGEST, idempotencyKey: '-' },
      params,
    );
    expect(base.split('\n').slice(0, 5)).toEqual([
      '"@method": GET',
      '"@path": /v1/status-events',
      '"@query": ?cursor=abc.def&limit=100',
      `"content-digest": ${EMPTY_DIGEST}`,
      '"idempotency-key": -',
    ]);
  });
});

describe('Signature-Input and Signature', () => {
  const header =
    'sig1=("@method" "@path" "@query" "content-digest" "idempotency-key");created=1767225600;keyid="0192f7a0-1c2b-7d3e-8f40-123456789abc";nonce="AAECAwQFBgcICQoLDA0ODw";alg="ed25519"';
  const sig = 'c2lnbmF0dXJlLWJ5dGVzLWhlcmUtNjQtYnl0ZXMtbG9uZy4uLi4uLi4uLi4uLi4uLi4uLi4uLg==';
  const signature = formatSignatureHeader(sig);
  const parsed = (input: string | undefined, sigHeader = signature) => parseSignatures(input, sigHeader);

  it('formats and parses the fixed vector', () => {
    expect(formatSignatureInput(params)).toBe(header);
    expect(parsed(header)).toEqual({
      label: 'sig1',
      components: ['@method', '@path', '@query', 'content-digest', 'idempotency-key'],
      paramsValue: header.slice('sig1='.length),
      created: params.created,
      keyid: params.keyid,
      nonce: params.nonce,
      alg: 'ed25519',
      expires: null,
      signature: sig,
    });
  });

  it('accepts any label, any order of components and parameters, more of either; the base uses them as sent', () => {
    const value =
      '("idempotency-key" "@query" "content-type" "@method" "content-digest" "@path");expires=1767225900;nonce="AAECAwQFBgcICQoLDA0ODw";tag="x";keyid="0192f7a0-1c2b-7d3e-8f40-123456789abc";created=1767225600';
    const got = parsed(
      `other=("@method");created=1;keyid="k";nonce="AAECAwQFBgcICQoLDA0ODw", win-7=${value}`,
      `win-7=:${sig}:, other=:AAAA:`,
    );
    expect(got).toMatchObject({ label: 'win-7', paramsValue: value, alg: null, expires: 1767225900, signature: sig });
    const values: Record<string, string> = {
      '@method': 'PUT',
      '@path': '/v1/x',
      '@query': '?',
      'content-type': ' application/json ',
      'content-digest': EMPTY_DIGEST,
      'idempotency-key': 'k-1',
    };
    expect(receivedSignatureBase(got!, (n) => values[n])).toBe(
      [
        '"idempotency-key": k-1',
        '"@query": ?',
        '"content-type": application/json',
        '"@method": PUT',
        `"content-digest": ${EMPTY_DIGEST}`,
        '"@path": /v1/x',
        `"@signature-params": ${value}`,
      ].join('\n'),
    );
    expect(receivedSignatureBase(got!, (n) => (n === 'content-type' ? undefined : values[n]))).toBeNull();
  });

  it.each([
    ['missing', undefined, signature],
    ['no signature under that label', header, signature.replace('sig1=', 'sig2=')],
    ['signature not a byte sequence', header, 'sig1=abcd'],
    ['fewer components', header.replace(' "idempotency-key"', ''), signature],
    ['@target-uri instead of @path/@query', header.replace('"@path" "@query"', '"@target-uri"'), signature],
    ['component parameters', header.replace('"@query"', '"@query";bs'), signature],
    ['duplicate component', header.replace('"@query"', '"@query" "@query"'), signature],
    ['another algorithm', header.replace('alg="ed25519"', 'alg="rsa-pss-sha512"'), signature],
    ['short nonce', header.replace('AAECAwQFBgcICQoLDA0ODw', 'AAEC'), signature],
    ['missing keyid', header.replace(';keyid="0192f7a0-1c2b-7d3e-8f40-123456789abc"', ''), signature],
    ['quoted created', header.replace('created=1767225600', 'created="1767225600"'), signature],
    ['not a dictionary', `${header},,`, signature],
  ])('rejects %s', (_what, input, sigHeader) => {
    expect(parsed(input, sigHeader)).toBeNull();
  });
});

describe('Content-Digest header', () => {
  it('reads the sha-256 member', () => {
    expect(parseContentDigest(EMPTY_DIGEST)).toBe('47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=');
    expect(parseContentDigest('sha-512=:AAAA:, sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:')).toBe(
      '47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=',
    );
    expect(formatContentDigest('47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=')).toBe(EMPTY_DIGEST);
    expect(parseContentDigest('sha-512=:AAAA:')).toBeNull();
    expect(parseContentDigest('sha-256=47DEQ')).toBeNull();
    expect(parseContentDigest(undefined)).toBeNull();
  });
});
