import { describe, expect, it } from 'vitest';
import { validatePassport } from './passport';

describe('validatePassport', () => {
  it.each(['E12345678', 'e 1234 5678', 'EA1234567', 'EZ7654321'])('takes the Chinese passport %s', (n) => {
    expect(validatePassport(n, 'cn-passport')).toMatchObject({ ok: true, warnings: [] });
  });
  it('takes a pre-2012 G passport with a warning (that book has expired)', () => {
    expect(validatePassport('G12345678', 'cn-passport')).toMatchObject({
      ok: true,
      value: { legacy: true },
      warnings: [{ code: 'passport-legacy' }],
    });
  });
  it.each(['E1234567', 'EI1234567', 'EO1234567', 'P12345678', '123456789', 'E123456789', ''])(
    'refuses %j as a Chinese passport',
    (n) => {
      expect(validatePassport(n, 'cn-passport').ok).toBe(false);
    },
  );
  it.each(['123456789', 'L898902C3', 'C01X00T47', 'X1234<<<<', 'AB 123 456'])('takes the foreign passport %s', (n) => {
    expect(validatePassport(n, 'foreign-passport').ok).toBe(true);
  });
  it.each(['ABCDEFGHI', '1234', '123456789012345678', 'AB-123456', '护照123456'])(
    'refuses %j as a foreign passport',
    (n) => {
      expect(validatePassport(n, 'foreign-passport')).toMatchObject({ ok: false });
    },
  );
});
