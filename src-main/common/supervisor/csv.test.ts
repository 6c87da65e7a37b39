import { describe, expect, it } from 'vitest';
import { csvField, csvLine, parseCsv, UTF8_BOM } from './csv';

describe('CSV (RFC 4180, Excel)', () => {
  it('quotes commas, quotes and line breaks; ends records with CRLF', () => {
    expect(csvLine(['a', 'b,c', 'say "hi"', 'two\nlines', 3, null])).toBe('a,"b,c","say ""hi""","two\nlines",3,\r\n');
  });

  it('defuses cells a spreadsheet would evaluate', () => {
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('-')).toBe("'-");
    expect(csvField(-3)).toBe('-3');
  });

  it('parses back what it writes, skipping the BOM', () => {
    const rows = [
      ['序号', '事项'],
      ['1', '社会保障卡申领, 首次'],
      ['2', '"引号"\r\n换行'],
    ];
    expect(parseCsv(UTF8_BOM + rows.map(csvLine).join(''))).toEqual(rows);
  });
});
