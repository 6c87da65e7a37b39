import { describe, expect, it } from 'vitest';
import { unsentMessage } from './close-guard-text';

describe('closing with unsent cases or records', () => {
  it('names the count of cases and says they are safe', () => {
    const m = unsentMessage({ cases: 3, records: 0 });
    expect(m?.title).toBe('还有 3 件办件尚未发送到业务属地部门');
    expect(m?.detail).toContain('这些办件已安全保存在本机');
  });

  it('names 好差评/回访 records too, also when they are all that waits', () => {
    expect(unsentMessage({ cases: 2, records: 5 })?.title).toBe(
      '还有 2 件办件和 5 条评价、回访记录尚未发送到业务属地部门',
    );
    const only = unsentMessage({ cases: 0, records: 1 });
    expect(only?.title).toBe('还有 1 条评价、回访记录尚未发送到业务属地部门');
    expect(only?.detail).toContain('这些记录已安全保存在本机');
  });

  it('says nothing when nothing waits', () => {
    expect(unsentMessage({ cases: 0, records: 0 })).toBeNull();
  });
});
