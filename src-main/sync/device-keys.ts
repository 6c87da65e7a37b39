import { createPrivateKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

/** A fresh Ed25519 key pair: the private key as PKCS#8 PEM, the public key as raw 32 bytes in base64. */
export function generateDeviceKeys(): { privateKeyPem: string; publicKeyRaw: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const spki = publicKey.export({ format: 'der', type: 'spki' });
  // An Ed25519 SPKI is a fixed 12-byte header followed by the 32-byte key.
  return {
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicKeyRaw: spki.subarray(spki.length - 32).toString('base64'),
  };
}

// The parsed key of the one enrolled device (parsing PEM costs more than signing): re-enrolment brings a new PEM.
let parsed: { pem: string; key: KeyObject } | null = null;

/** Signs bytes with the device key (Ed25519), base64. */
export function signWithDeviceKey(privateKeyPem: string, data: string): string {
  if (parsed?.pem !== privateKeyPem) parsed = { pem: privateKeyPem, key: createPrivateKey(privateKeyPem) };
  return sign(null, Buffer.from(data, 'utf8'), parsed.key).toString('base64');
}
