import { describe, expect, it } from 'vitest';
import { formatPercent } from './percent';

describe('formatPercent', () => {
  it('shows the dashboard satisfaction percentage as it is (1 of 2 satisfied is 50%, not 5000%)', () => {
    expect(formatPercent(50)).toBe('50%');
    expect(formatPercent(66.7)).toBe('66.7%');
    expect(formatPercent(100)).toBe('100%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(null)).toBe('—');
  });
});
