import { describe, expect, it } from 'vitest';
import { validateContactPhone } from './contact-phone';
import { validateLandline } from './landline';

describe('validateLandline', () => {
  it.each([
    ['023-63851234', { kind: 'fixed', areaCode: '023', number: '63851234', formatted: '023-63851234' }],
    ['(023)63851234', { areaCode: '023', number: '63851234' }],
    ['（023）63851234', { areaCode: '023', number: '63851234' }],
    ['023 6385 1234', { formatted: '023-63851234' }],
    ['02363851234', { formatted: '023-63851234' }],
    ['023-6385-1234', { formatted: '023-63851234' }],
    ['010-62345678', { areaCode: '010', number: '62345678' }],
    ['0755-2345678', { areaCode: '0755', number: '2345678' }],
    ['0755-82345678', { areaCode: '0755', number: '82345678' }],
    ['023-63851234-8001', { extension: '8001', formatted: '023-63851234-8001' }],
    ['023-63851234转8001', { extension: '8001' }],
    ['023-63851234 分机 12', { extension: '12' }],
    ['023-63851234 ext. 5', { extension: '5' }],
    ['400-123-4567', { kind: 'service', number: '4001234567', formatted: '400-123-4567' }],
    ['4001234567', { kind: 'service', formatted: '400-123-4567' }],
    ['800 123 4567', { kind: 'service', formatted: '800-123-4567' }],
  ])('%j is valid', (input, expected) => {
    expect(validateLandline(input)).toMatchObject({ ok: true, value: expected, warnings: [] });
  });

  it.each([
    '63851234', // no area code
    '023-1234567', // 02x needs 8 digits
    '023-13851234', // local numbers never start with 1
    '023-03851234',
    '026-23456789', // reserved for Taiwan
    '0755-234567', // too short
    '12345',
    '13800138000',
    '400-123-456',
    'abc',
    '023-63851234-1234567',
  ])('%j is rejected', (input) => {
    expect(validateLandline(input)).toEqual({
      ok: false,
      errors: [{ code: 'landline-format', severity: 'error' }],
      warnings: [],
    });
  });

  it('uses a default area code for a bare local number', () => {
    expect(validateLandline('63851234', { defaultAreaCode: '023' })).toMatchObject({
      ok: true,
      value: { formatted: '023-63851234' },
    });
    expect(validateLandline('6385123', { defaultAreaCode: '023' }).ok).toBe(false);
  });

  it('accepts short hotlines only when allowed', () => {
    expect(validateLandline('12345', { allowHotlines: true })).toMatchObject({
      ok: true,
      value: { kind: 'hotline', formatted: '12345' },
    });
    expect(validateLandline('023-12345', { allowHotlines: true })).toMatchObject({
      ok: true,
      value: { areaCode: '023', number: '12345' },
    });
    expect(validateLandline('95588', { allowHotlines: true })).toMatchObject({ ok: true, value: { kind: 'hotline' } });
    expect(validateLandline('12345-1', { allowHotlines: true }).ok).toBe(false);
  });
});

describe('validateContactPhone', () => {
  it('accepts a mobile or a landline', () => {
    expect(validateContactPhone('138 0013 8000')).toEqual({
      ok: true,
      value: { kind: 'mobile', number: '13800138000' },
      warnings: [],
    });
    expect(validateContactPhone('17912345678')).toMatchObject({ ok: true, warnings: [{ code: 'mobile-segment' }] });
    expect(validateContactPhone('023-63851234')).toMatchObject({
      ok: true,
      value: { kind: 'landline', landline: { areaCode: '023' } },
    });
  });

  it('reports phone-format when neither fits, and required when blank', () => {
    expect(validateContactPhone('12012345678')).toMatchObject({ ok: false, errors: [{ code: 'phone-format' }] });
    expect(validateContactPhone('')).toMatchObject({ ok: false, errors: [{ code: 'required' }] });
  });
});
