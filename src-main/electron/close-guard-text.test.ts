import { describe, expect, it } from 'vitest';
import { unsentCasesMessage } from './close-guard-text';

describe('closing with unsent cases', () => {
  it('names the count and says the cases are safe', () => {
    const m = unsentCasesMessage(3);
    expect(m.title).toContain('3 件');
    expect(m.detail).toContain('安全保存在本机');
  });
});
