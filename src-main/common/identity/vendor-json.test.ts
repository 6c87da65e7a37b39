import { describe, expect, it } from 'vitest';
import { DEFAULT_IDENTITY_SETTINGS, identitySettingsSchema } from './settings';
import { base64Head, getPath, normaliseVendorAnswer, type VendorAnswerRules } from './vendor-json';

const RULES: VendorAnswerRules = DEFAULT_IDENTITY_SETTINGS.reader.http;
const PNG_B64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgAAIAAAUAAXpeqz8AAAAASUVORK5CYII=';
const ANSWER = {
  certType: '',
  name: '张三',
  sex: '男',
  nation: '汉',
  birthday: '1990-03-07',
  address: '重庆市万州区白岩路1号',
  idCode: '500101199003070014',
  department: '重庆市公安局万州区分局',
  startDate: '2016.03.07',
  endDate: '长期',
  Photo: `data:image/png;base64,${PNG_B64}`,
};

describe('vendor JSON answers', () => {
  it('walks JSON paths with indexes', () => {
    expect(getPath({ a: { b: [{ c: 1 }, { c: 2 }] } }, 'a.b[1].c')).toBe(2);
    expect(getPath({ a: 1 }, 'a.b.c')).toBeUndefined();
    expect(Array.from(base64Head(PNG_B64, 4))).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('normalises the common answer shape with the default mapping', () => {
    expect(normaliseVendorAnswer(ANSWER, RULES)).toEqual({
      kind: 'card',
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
        photo: { mediaType: 'image/png', base64: PNG_B64 },
      },
    });
  });

  it('takes the card type from the type value or, failing that, from the number', () => {
    const hk = normaliseVendorAnswer(
      { ...ANSWER, certType: 'J', idCode: '810000199408230021', sex: '2', nation: '' },
      RULES,
    );
    expect(hk).toMatchObject({ kind: 'card', card: { docType: 'hk-mo-tw-residence', sex: 'F' } });
    expect(hk.kind === 'card' && hk.card.ethnicity).toBeUndefined();
    expect(
      normaliseVendorAnswer({ ...ANSWER, certType: '9', idCode: '950840198001010052', birthday: '19800101' }, RULES),
    ).toMatchObject({ kind: 'card', card: { docType: 'foreign-permanent-2023' } });
  });

  it('honours result codes: success, no card, vendor error', () => {
    const rules = { ...RULES, resultCodePath: 'code', okCodes: ['0'], noCardCodes: ['-2', '-3'] };
    expect(normaliseVendorAnswer({ ...ANSWER, code: 0 }, rules).kind).toBe('card');
    expect(normaliseVendorAnswer({ code: -3 }, rules)).toEqual({ kind: 'no-card', vendorCode: '-3' });
    expect(normaliseVendorAnswer({ code: 'E17' }, rules)).toEqual({ kind: 'vendor-error', vendorCode: 'E17' });
    expect(normaliseVendorAnswer({}, rules)).toEqual({ kind: 'vendor-error', vendorCode: '' });
  });

  it('names the field a card cannot be used for, and drops a photo that is no image', () => {
    expect(normaliseVendorAnswer({ ...ANSWER, sex: '未知' }, RULES)).toEqual({ kind: 'invalid', field: 'sex' });
    expect(normaliseVendorAnswer({ ...ANSWER, endDate: '' }, RULES)).toEqual({ kind: 'invalid', field: 'validTo' });
    expect(normaliseVendorAnswer(null, RULES)).toMatchObject({ kind: 'invalid' });
    const noPhoto = normaliseVendorAnswer({ ...ANSWER, Photo: 'AAAA' }, RULES);
    expect(noPhoto.kind === 'card' && noPhoto.card.photo).toBeUndefined();
  });

  it('accepts the default settings and refuses a reader service off this PC', () => {
    expect(identitySettingsSchema.safeParse(DEFAULT_IDENTITY_SETTINGS).success).toBe(true);
    const remote = {
      ...DEFAULT_IDENTITY_SETTINGS,
      reader: {
        ...DEFAULT_IDENTITY_SETTINGS.reader,
        http: { ...DEFAULT_IDENTITY_SETTINGS.reader.http, url: 'http://10.0.0.5:8000/readCard' },
      },
    };
    const parsed = identitySettingsSchema.safeParse(remote);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe('reader-url-not-loopback');
  });
});
