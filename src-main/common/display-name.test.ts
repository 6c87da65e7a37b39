import { describe, expect, it } from 'vitest';
import { displayNameSchema } from './accounts';
import { displayNameProblem } from '@tongban/protocol/validators/display-name';

describe('staff display names', () => {
  it('accepts ordinary names', () => {
    for (const name of ['张三', '窗口一 号', 'Li Wei', '欧阳·娜娜', 'Ⅱ号窗口'])
      expect(displayNameProblem(name), name).toBeNull();
    expect(displayNameSchema.safeParse('张三').success).toBe(true);
  });
  it('refuses control, bidi, zero-width characters and unpaired surrogates', () => {
    const bad = [
      'a\u0000b',
      'tab\there',
      'new\nline',
      '\u007fdel',
      '\u0085nel',
      'admin\u202egnp.exe',
      '\u2066isolate\u2069',
      'rlm\u200f',
      'zero\u200bwidth',
      'b\ufeffom',
      'line\u2028sep',
      'lone \ud800 high',
      'lone \udc00 low',
    ];
    for (const name of bad) {
      expect(displayNameProblem(name), JSON.stringify(name)).toBe('invalid-characters');
      expect(displayNameSchema.safeParse(name).success, JSON.stringify(name)).toBe(false);
    }
  });
});
