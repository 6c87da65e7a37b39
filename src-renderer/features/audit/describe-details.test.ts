import { beforeAll, describe, expect, it, vi } from 'vitest';
import type * as I18n from '../../i18n';
import type * as Describe from './describe-details';

// The UI's i18n reads the saved language and sets <html lang>: give it what a browser has.
vi.stubGlobal('localStorage', { getItem: () => null, setItem: () => undefined });
vi.stubGlobal('document', { documentElement: { lang: '' } });

let describeDetails: typeof Describe.describeDetails;
let describeTarget: typeof Describe.describeTarget;
let auditActionLabel: typeof I18n.auditActionLabel;

beforeAll(async () => {
  ({ describeDetails, describeTarget } = await import('./describe-details'));
  ({ auditActionLabel } = await import('../../i18n'));
  // The audit page renders inside the lazy pages' providers, which add every page's strings.
  await import('../../i18n/resources');
});

const RAW = /[{}"]|\b[0-9a-f]{8}-[0-9a-f]{4}-/;

describe('the audit log as staff read it', () => {
  it('names every action in Chinese', () => {
    for (const action of ['identity.settings', 'identity.purge', 'identity.verify', 'case.accept', 'ledger.export'])
      expect(auditActionLabel(action)).toMatch(/^[\u4e00-\u9fff]/);
  });

  it('shows a settings change as the values that changed, without JSON or identifiers', () => {
    const text = describeDetails({
      before: { reader: { driver: 'http', url: 'http://127.0.0.1:8989', port: null }, retentionDays: 30 },
      after: { reader: { driver: 'simulated', url: 'http://127.0.0.1:8989', port: 2 }, retentionDays: 30 },
    });
    expect(text).toBe('修改：读卡器 · 驱动（http → simulated）；读卡器 · 端口（（空） → 2）');
    expect(text).not.toMatch(RAW);
  });

  it('leaves internal identifiers out and counts lists of cases', () => {
    const text = describeDetails({
      verificationId: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
      method: 'manual',
      caseIds: ['1b4e28ba-2fa1-41d2-883f-0016d3cca427', '2b4e28ba-2fa1-41d2-883f-0016d3cca427'],
      chipRecords: 3,
    });
    expect(text).not.toMatch(RAW);
    expect(text).toContain('办件：2 件');
    expect(text).toContain('芯片数据条数：3');
  });

  it('names the target by its document number or kind, never by a bare UUID', () => {
    const id = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';
    expect(describeTarget(`case:${id}`, { documentNo: '50010112-20261130-0004F' })).toBe(
      '办件 50010112-20261130-0004F',
    );
    expect(describeTarget(`case:${id}`, {})).toBe('办件');
    expect(describeTarget('user:3', {})).toBe('用户 3');
    expect(describeTarget(null, {})).toBe('—');
  });
});
