import { describe, expect, it } from 'vitest';
import { divisionText, formRows } from './reference';

describe('what a reviewer reads instead of codes', () => {
  it('names division codes, and leaves an unknown code as it is', () => {
    expect(divisionText('510104')).toBe('510104 四川省成都市锦江区');
    expect(divisionText('500101')).toBe('500101 重庆市万州区');
    expect(divisionText('999999')).toBe('999999');
  });

  it('labels form fields from the catalogue in the 情形’s order, names divisions, keeps unknown keys last', () => {
    expect(formRows('CQ-KSTB-0001', 'FIRST', { zzz: '1', photoReceiptNo: 'R-1', insuredDivision: '510104' })).toEqual([
      ['参保地（发卡地）', '510104 四川省成都市锦江区'],
      ['数码照片回执号', 'R-1'],
      ['zzz', '1'],
    ]);
    expect(formRows('XX-UNKNOWN-0001', 'S', { b: '2', a: '1' })).toEqual([
      ['a', '1'],
      ['b', '2'],
    ]);
  });
});
