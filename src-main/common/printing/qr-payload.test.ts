import { describe, expect, it } from 'vitest';
import { caseQrSignedText, formatCaseQr, parseCaseQr, sameSignature } from './qr-payload';

const CASE_ID = '0192f0a0-1234-7abc-8def-0123456789ab';

describe('case QR payload', () => {
  it('formats and parses', () => {
    const text = formatCaseQr({ documentNo: '50010112-20261130-0001K', caseId: CASE_ID, sig: 'abcdEFGH_-123456' });
    expect(text).toBe(`TB1:50010112-20261130-0001K:${CASE_ID}:abcdEFGH_-123456`);
    expect(parseCaseQr(text)).toEqual({
      documentNo: '50010112-20261130-0001K',
      caseId: CASE_ID,
      sig: 'abcdEFGH_-123456',
    });
    expect(caseQrSignedText('X-1', CASE_ID)).toBe(`TB1:X-1:${CASE_ID}`);
  });

  it('rejects anything else', () => {
    expect(parseCaseQr('TB2:50010112-20261130-0001K:' + CASE_ID + ':abcdEFGH_-123456')).toBeNull();
    expect(parseCaseQr('TB1:50010112-20261130-0001K:' + CASE_ID + ':short')).toBeNull();
    expect(parseCaseQr('https://example.com')).toBeNull();
  });

  it('compares signatures', () => {
    expect(sameSignature('abc', 'abc')).toBe(true);
    expect(sameSignature('abc', 'abd')).toBe(false);
    expect(sameSignature('abc', 'abcd')).toBe(false);
  });
});
