import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en';
import { zhCN } from '../../i18n/zh-CN';
import { attentionText } from './status-tags';

const i18n = i18next.createInstance();
void i18n.init({
  lng: 'zh-CN',
  initAsync: false,
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  interpolation: { escapeValue: false },
});

// What the sync loop can record as the reason a case needs attention: the gateway's refusals of a
// case, file or supplement, a record missing on this PC, or a bare HTTP status.
const REFUSALS = [
  'invalid-manifest',
  'manifest-mismatch',
  'attachment-conflict',
  'district-forbidden',
  'case-not-found',
  'supplement-not-requested',
  'hash-mismatch',
  'slot-not-found',
  'payload-too-large',
  'record-conflict',
];

describe('why a case needs attention', () => {
  it.each(REFUSALS)('%s reads as a Chinese sentence without the code, and in English', (code) => {
    const zh = attentionText(i18n.getFixedT('zh-CN'), code);
    expect(zh).toMatch(/\p{Script=Han}{4}/u);
    expect(zh).not.toContain(code);
    expect(attentionText(i18n.getFixedT('en'), code)).toMatch(/^[A-Z]/);
  });

  it('names a record missing on this PC, and shows an unknown reason with its code', () => {
    expect(attentionText(i18n.getFixedT('zh-CN'), 'local-supplement-missing')).toBe('本机找不到要发送的记录');
    expect(attentionText(i18n.getFixedT('zh-CN'), 'HTTP 418')).toBe('部门网关拒收（HTTP 418）');
    expect(attentionText(i18n.getFixedT('zh-CN'), null)).toBe('部门网关拒收（—）');
  });
});
