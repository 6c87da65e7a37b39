import { describe, expect, it } from 'vitest';
import type { CardRead } from './card';
import { cardTypeOf, parseTextBlock } from './text-block';
import { encodeCard } from './text-block.test-helper';

const today = new Date('2026-11-30T02:00:00Z');

/**
 * A block built by hand from the byte offsets of domain-facts §7.1 (independently of the parser's
 * layout table): `fields` maps a byte offset to its text, padding is spaces (or NULs).
 */
function block(fields: Record<number, string>, pad: 'space' | 'nul' = 'space'): Uint8Array {
  const b = new Uint8Array(256);
  if (pad === 'space') for (let i = 0; i < 256; i += 2) b[i] = 0x20;
  for (const [offset, text] of Object.entries(fields)) {
    for (let i = 0; i < text.length; i++) {
      b[Number(offset) + i * 2] = text.charCodeAt(i) & 0xff;
      b[Number(offset) + i * 2 + 1] = text.charCodeAt(i) >> 8;
    }
  }
  return b;
}

// Resident ID: 姓名 0/30, 性别 30/2, 民族 32/4, 出生 36/16, 住址 52/70, 号码 122/36, 签发机关 158/30, 起 188/16, 止 204/16, 保留 220/36.
const ZHANG_SAN = {
  0: '张三',
  30: '1',
  32: '01',
  36: '19900307',
  52: '重庆市万州区白岩路1号',
  122: '500101199003070014',
  158: '重庆市公安局万州区分局',
  188: '20160307',
  204: '长期',
};

describe('256-byte text block parser', () => {
  it('reads a resident ID card with 长期 validity and space padding', () => {
    expect(parseTextBlock(block(ZHANG_SAN), { today })).toEqual({
      ok: true,
      card: {
        docType: 'resident-id',
        name: '张三',
        sex: 'M',
        ethnicity: { code: '01', name: '汉族' },
        birthDate: '1990-03-07',
        address: '重庆市万州区白岩路1号',
        idNumber: '500101199003070014',
        issuer: '重庆市公安局万州区分局',
        validFrom: '2016-03-07',
        validTo: 'long-term',
      },
    });
  });

  it('reads NUL padding like space padding, a dated validity, a 土家族 holder and an X check character', () => {
    const b = block(
      {
        ...ZHANG_SAN,
        0: '欧阳娜娜',
        30: '2',
        32: '15',
        36: '19491231',
        122: '11010519491231002X',
        188: '20150620',
        204: '20350620',
      },
      'nul',
    );
    expect(parseTextBlock(b, { today })).toMatchObject({
      ok: true,
      card: {
        name: '欧阳娜娜',
        sex: 'F',
        ethnicity: { code: '15', name: '土家族' },
        idNumber: '11010519491231002X',
        validTo: '2035-06-20',
      },
    });
  });

  it('reads a 港澳台居民居住证 (type J): 通行证号码 220/18, 签发次数 238/4, flag 248, no 民族', () => {
    const b = block({
      0: '陈美玲',
      30: '2',
      36: '19940823',
      52: '重庆市渝中区解放碑民族路88号',
      122: '810000199408230021',
      158: '重庆市公安局渝中区分局',
      188: '20240315',
      204: '20290315',
      220: 'H12345678',
      238: '02',
      248: 'J',
    });
    expect(cardTypeOf(b)).toBe('hk-mo-tw-residence');
    expect(parseTextBlock(b, { today })).toEqual({
      ok: true,
      card: {
        docType: 'hk-mo-tw-residence',
        name: '陈美玲',
        sex: 'F',
        birthDate: '1994-08-23',
        address: '重庆市渝中区解放碑民族路88号',
        idNumber: '810000199408230021',
        issuer: '重庆市公安局渝中区分局',
        validFrom: '2024-03-15',
        validTo: '2029-03-15',
        passNo: 'H12345678',
        issueCount: 2,
      },
    });
  });

  it('reads a 2017 外国人永久居留身份证 (type I): 英文姓名 0/120, 性别 120, 号码 122/30, 国籍 152/6, 中文姓名 158/30, 出生 220/16', () => {
    const b = block({
      0: 'ZHANG, DAVID',
      120: '1',
      122: 'USA110080010111',
      152: 'USA',
      158: '张大卫',
      188: '20180101',
      204: '20280101',
      220: '19800101',
      236: '10',
      240: '1100',
      248: 'I',
    });
    expect(parseTextBlock(b, { today })).toEqual({
      ok: true,
      card: {
        docType: 'foreign-permanent-2017',
        name: '张大卫',
        nameEn: 'ZHANG, DAVID',
        sex: 'M',
        nationality: 'USA',
        birthDate: '1980-01-01',
        idNumber: 'USA110080010111',
        validFrom: '2018-01-01',
        validTo: '2028-01-01',
      },
    });
    // No Chinese name: the English name stands in.
    const noChinese = block({
      0: 'SMITH, ANNA',
      120: '2',
      122: 'CAN310175123110',
      152: 'CAN',
      188: '20180101',
      204: '20280101',
      220: '19751231',
      248: 'I',
    });
    expect(parseTextBlock(noChinese, { today })).toMatchObject({
      ok: true,
      card: { name: 'SMITH, ANNA', nameEn: 'SMITH, ANNA', sex: 'F' },
    });
  });

  it('reads a 2023 外国人永久居留身份证 (type Y) whose English name runs on from 52/70 into 220/22', () => {
    const longName = 'WOLFESCHLEGELSTEINHAUSEN BERGERDORFF HUBERT BLAINE';
    const b = block({
      0: '约翰·史密斯',
      30: '1',
      32: '01',
      36: '19800101',
      52: longName.slice(0, 35),
      122: '950840198001010052',
      188: '20240110',
      204: '20340110',
      220: longName.slice(35, 46),
      242: '840',
      248: 'Y',
    });
    expect(parseTextBlock(b, { today })).toEqual({
      ok: true,
      card: {
        docType: 'foreign-permanent-2023',
        name: '约翰·史密斯',
        nameEn: longName.slice(0, 46),
        sex: 'M',
        nationality: '840',
        birthDate: '1980-01-01',
        idNumber: '950840198001010052',
        validFrom: '2024-01-10',
        validTo: '2034-01-10',
        issueCount: 1,
      },
    });
  });

  it('checks the number with the validators: a bad check digit, a citizen number on a J card, an old number on a Y card', () => {
    expect(parseTextBlock(block({ ...ZHANG_SAN, 122: '500101199003070015' }), { today })).toEqual({
      ok: false,
      field: 'idNumber',
      code: 'id-checksum',
    });
    expect(parseTextBlock(block({ ...ZHANG_SAN, 248: 'J' }), { today })).toEqual({
      ok: false,
      field: 'idNumber',
      code: 'id-region',
    });
    expect(
      parseTextBlock(
        block({ 0: 'X', 30: '1', 36: '19800101', 122: 'USA110080010111', 188: '20240110', 204: '20340110', 248: 'Y' }),
        { today },
      ),
    ).toMatchObject({ ok: false, field: 'idNumber' });
  });

  it('refuses unreadable fields rather than guessing', () => {
    expect(parseTextBlock(block({ ...ZHANG_SAN, 30: '9' }), { today })).toEqual({
      ok: false,
      field: 'sex',
      code: 'sex-code-unknown',
    });
    expect(parseTextBlock(block({ ...ZHANG_SAN, 36: '19900230' }), { today })).toEqual({
      ok: false,
      field: 'birthDate',
      code: 'date-invalid',
    });
    expect(parseTextBlock(block({ ...ZHANG_SAN, 204: '永久' }), { today })).toEqual({
      ok: false,
      field: 'validTo',
      code: 'date-invalid',
    });
    expect(parseTextBlock(block({ ...ZHANG_SAN, 32: '77' }), { today })).toEqual({
      ok: false,
      field: 'ethnicity',
      code: 'ethnicity-unknown',
    });
    expect(parseTextBlock(block({ ...ZHANG_SAN, 0: '' }), { today })).toEqual({
      ok: false,
      field: 'name',
      code: 'required',
    });
    expect(parseTextBlock(new Uint8Array(255), { today })).toEqual({ ok: false, field: 'block', code: 'length' });
  });

  it('round-trips every card type through the test encoder', () => {
    const cards: CardRead[] = [
      {
        docType: 'resident-id',
        name: '王小明',
        sex: 'M',
        ethnicity: { code: '01', name: '汉族' },
        birthDate: '2015-06-01',
        address: '重庆市万州区太白路22号',
        idNumber: '500101201506010013',
        issuer: '重庆市公安局万州区分局',
        validFrom: '2023-07-01',
        validTo: '2028-07-01',
      },
      {
        docType: 'hk-mo-tw-residence',
        name: '林台生',
        sex: 'F',
        birthDate: '1992-01-30',
        idNumber: '830000199201300022',
        validFrom: '2024-01-01',
        validTo: '2029-01-01',
        passNo: '12345678',
        issueCount: 1,
      },
      {
        docType: 'foreign-permanent-2017',
        name: 'SMITH, ANNA',
        nameEn: 'SMITH, ANNA',
        sex: 'F',
        nationality: 'CAN',
        birthDate: '1975-12-31',
        idNumber: 'CAN310175123110',
        validFrom: '2018-01-01',
        validTo: '2028-01-01',
      },
      {
        docType: 'foreign-permanent-2023',
        name: '约翰·史密斯',
        nameEn: 'SMITH JOHN',
        sex: 'M',
        nationality: '840',
        birthDate: '1980-01-01',
        idNumber: '950840198001010052',
        validFrom: '2024-01-10',
        validTo: '2034-01-10',
        issueCount: 0,
      },
    ];
    for (const card of cards) expect(parseTextBlock(encodeCard(card), { today })).toEqual({ ok: true, card });
  });
});
