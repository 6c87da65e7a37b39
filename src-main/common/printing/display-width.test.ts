import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  centreToWidth,
  displayWidth,
  labelledLines,
  leftRightLines,
  padEndToWidth,
  wrapToWidth,
} from './display-width';

describe('display width', () => {
  it('counts ASCII as one column and every other character as two', () => {
    expect(displayWidth('ABC 123')).toBe(7);
    expect(displayWidth('受理通知书')).toBe(10);
    expect(displayWidth('5001**********0014')).toBe(18);
    expect(displayWidth('（第2份）')).toBe(9);
    expect(displayWidth('䶮𠀀')).toBe(4);
    expect(displayWidth('a\u0007b')).toBe(2);
  });

  it('pads and centres by columns', () => {
    expect(padEndToWidth('张三', 6)).toBe('张三  ');
    expect(centreToWidth('回执', 10)).toBe('   回执');
  });

  it('wraps Chinese between characters and keeps codes whole', () => {
    const lines = wrapToWidth('文书编号：50010112-20261130-0001K，请妥善保管本通知书。', 24);
    for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(24);
    expect(lines.join('')).toBe('文书编号：50010112-20261130-0001K，请妥善保管本通知书。');
    expect(lines.some((l) => l.includes('50010112-20261130-0001K'))).toBe(true);
  });

  it('never starts a line with closing punctuation', () => {
    const lines = wrapToWidth('一二三四五六七八九十，好', 20);
    expect(lines[1]?.startsWith('，')).toBe(false);
    expect(lines.join('')).toBe('一二三四五六七八九十，好');
  });

  it('hard-splits tokens longer than a line', () => {
    expect(wrapToWidth('A'.repeat(50), 20)).toEqual(['A'.repeat(20), 'A'.repeat(20), 'A'.repeat(10)]);
  });

  it('never exceeds the width and never loses a non-space character (property)', () => {
    const alphabet = fc.constantFrom(...Array.from('受理通知书，。（）ABC123- 材料《》䶮'));
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 200 }).map((a) => a.join('')),
        fc.integer({ min: 4, max: 48 }),
        (text, width) => {
          const lines = wrapToWidth(text, width);
          for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(width);
          expect(lines.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
        },
      ),
    );
  });

  it('indents wrapped values under themselves', () => {
    const lines = labelledLines('事项名称：', '内地居民婚姻登记（结婚登记）跨省通办代收代办', 32);
    expect(lines[0]?.startsWith('事项名称：')).toBe(true);
    expect(lines[1]?.startsWith(' '.repeat(10))).toBe(true);
    for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(32);
  });

  it('puts the right part flush right', () => {
    expect(leftRightLines('复印件', '1份 2页', 20)).toEqual(['复印件       1份 2页']);
    for (const l of leftRightLines('原件核验后退还原件核验后退还', '1份 12页', 32))
      expect(displayWidth(l)).toBeLessThanOrEqual(32);
  });
});
