import { verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ed25519PublicKey } from './verify';

// RFC 8032 §7.1, TEST 1 (empty message): the raw 32-byte public key must import as this key.
const PUBLIC = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a';
const SIGNATURE =
  'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b';

describe('ed25519PublicKey', () => {
  it('imports a raw RFC 8032 key that verifies the RFC vector', () => {
    const key = ed25519PublicKey(Buffer.from(PUBLIC, 'hex'));
    expect(verify(null, Buffer.alloc(0), key, Buffer.from(SIGNATURE, 'hex'))).toBe(true);
    expect(verify(null, Buffer.from('x'), key, Buffer.from(SIGNATURE, 'hex'))).toBe(false);
  });
});
