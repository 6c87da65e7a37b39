// The opaque feed cursor: the last delivered (epoch ordinal, xid, position), bound to the epoch
// that issued it and signed with the gateway's HMAC key. Clients store it and send it back as is.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** A feed position: events after it in (ordinal, xid, position) order are not yet delivered. */
export interface FeedPosition {
  ordinal: number;
  xid: string;
  position: number;
}

/** The position before every event. */
export const FEED_START: FeedPosition = { ordinal: 0, xid: '0', position: 0 };

interface TokenPayload {
  v: 1;
  e: string;
  o: number;
  x: string;
  p: number;
}

function mac(key: Buffer, payload: string): Buffer {
  return createHmac('sha256', key).update(payload).digest();
}

/** Encodes a position issued in epoch `epochId` as a signed token. */
export function encodeCursor(key: Buffer, epochId: string, pos: FeedPosition): string {
  const payload: TokenPayload = { v: 1, e: epochId, o: pos.ordinal, x: pos.xid, p: pos.position };
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${mac(key, body).toString('base64url')}`;
}

/** The position in a token, or null when the token does not verify or was issued in another epoch. */
export function decodeCursor(key: Buffer, epochId: string, token: string): FeedPosition | null {
  const [body, sig, extra] = token.split('.');
  if (!body || !sig || extra !== undefined) return null;
  const expected = mac(key, body);
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const p = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as TokenPayload;
    if (p.v !== 1 || p.e !== epochId || !Number.isInteger(p.o) || !/^\d{1,20}$/.test(p.x) || !Number.isInteger(p.p))
      return null;
    return { ordinal: p.o, xid: p.x, position: p.p };
  } catch {
    return null;
  }
}
