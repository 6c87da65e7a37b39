import { describe, expect, it } from 'vitest';
import {
  formatContentDigest,
  formatSignatureHeader,
  formatSignatureInput,
  parseContentDigest,
  parseSignatureHeader,
  parseSignatureInput,
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

describe('Signature-Input', () => {
  const header =
    'sig1=("@method" "@path" "@query" "content-digest" "idempotency-key");created=1767225600;keyid="0192f7a0-1c2b-7d3e-8f40-123456789abc";nonce="AAECAwQFBgcICQoLDA0ODw";alg="ed25519"';

  it('formats and parses the fixed vector', () => {
    expect(formatSignatureInput(params)).toBe(header);
    expect(parseSignatureInput(header)).toEqual(params);
  });

  it('accepts parameters in another order', () => {
    const reordered =
      'sig1=("@method" "@path" "@query" "content-digest" "idempotency-key");alg="ed25519";nonce="AAECAwQFBgcICQoLDA0ODw";keyid="0192f7a0-1c2b-7d3e-8f40-123456789abc";created=1767225600';
    expect(parseSignatureInput(reordered)).toEqual(params);
  });

  it.each([
    ['missing', undefined],
    ['another label', header.replace('sig1=', 'sig2=')],
    ['fewer components', header.replace(' "idempotency-key"', '')],
    ['reordered components', header.replace('"@path" "@query"', '"@query" "@path"')],
    ['@target-uri', header.replace('"@path" "@query"', '"@target-uri"')],
    ['another algorithm', header.replace('alg="ed25519"', 'alg="rsa-pss-sha512"')],
    ['short nonce', header.replace('AAECAwQFBgcICQoLDA0ODw', 'AAEC')],
    ['duplicate parameter', `${header};created=1`],
    ['extra parameter', `${header};expires=1767225900`],
    ['missing keyid', header.replace(';keyid="0192f7a0-1c2b-7d3e-8f40-123456789abc"', '')],
    ['quoted created', header.replace('created=1767225600', 'created="1767225600"')],
  ])('rejects %s', (_what, value) => {
    expect(parseSignatureInput(value)).toBeNull();
  });
});

describe('Signature and Content-Digest headers', () => {
  it('round-trips the signature', () => {
    const sig = 'c2lnbmF0dXJlLWJ5dGVzLWhlcmUtNjQtYnl0ZXMtbG9uZy4uLi4uLi4uLi4uLi4uLi4uLi4uLg==';
    expect(parseSignatureHeader(formatSignatureHeader(sig))).toBe(sig);
    expect(parseSignatureHeader('sig2=:abcd:')).toBeNull();
    expect(parseSignatureHeader('sig1=abcd')).toBeNull();
    expect(parseSignatureHeader(undefined)).toBeNull();
  });

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
