import { describe, expect, it } from 'vitest';
import { VALIDATOR_MESSAGES_ZH } from '@tongban/protocol/validators/messages';
import { en } from './en';
import { zhCN } from './zh-CN';

// Every code the formal check, the application schema, the file check and 人证核验 can report
// must read as a clear sentence in both languages (the clerk never sees a code).
const CODES = [
  ...Object.keys(VALIDATOR_MESSAGES_ZH),
  'agent-not-allowed',
  'agent-required',
  'agent-unexpected',
  'option-invalid',
  'division-unknown',
  'division-format',
  'number-format',
  'delivery-not-offered',
  'material-unknown',
  'original-must-be-kept',
  'field-unknown',
  'route-unknown',
  'matter-unknown',
  'reason-too-short',
  'too-many-fields',
  'file-type',
  'file-too-large',
  'file-empty',
  'enrolment-code-invalid',
  'identity-not-verified',
  'identity-failed',
  'name-mismatch',
  'number-mismatch',
  'document-type-mismatch',
  'card-expired',
  'guardian-required',
  'guardian-minor',
  'agent-minor',
  'person-not-confirmed',
  'face-none',
  'face-multiple',
  'face-too-small',
  'face-chip-no-face',
  'face-below-threshold',
];

describe('intake field messages', () => {
  it.each(CODES)('%s has a Chinese and an English message', (code) => {
    const zh = (zhCN.fields as Record<string, string>)[code];
    const english = (en.fields as Record<string, string>)[code];
    expect(zh).toMatch(/\p{Script=Han}/u);
    expect(english).toMatch(/^[A-Z]/);
  });

  it('words the wrong ID check digit as the clerks expect', () => {
    expect(zhCN.fields['id-checksum']).toBe('身份证号码校验位错误，请核对最后一位');
    expect(zhCN.fields['file-type']).toContain('按文件内容识别');
  });
});
