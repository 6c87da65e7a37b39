import { describe, expect, it } from 'vitest';
import { asCatalogue, catalogueFixture, matterFixture } from '@tongban/protocol/catalogue/test-fixtures';
import { buildSearchIndex, joinInitials, normalizeText, searchMatters } from './search';

// Fake initials: a fixed table for the characters used below (real data uses pinyin-pro).
const TABLE: Record<string, string> = {
  社: 's',
  会: 'h',
  保: 'b',
  障: 'z',
  卡: 'k',
  申: 's',
  领: 'l',
  异: 'y',
  地: 'd',
  就: 'j',
  医: 'y',
  登: 'd',
  记: 'j',
  备: 'b',
  案: 'a',
  失: 's',
  业: 'y',
  证: 'z',
  明: 'm',
};
const fakeInitials = (text: string): string[] => [...text].map((ch) => TABLE[ch] ?? ch);

const catalogue = asCatalogue(
  catalogueFixture([
    matterFixture('CQ-KSTB-0009', '失业登记', { keywords: ['社保卡'] }),
    matterFixture('CQ-KSTB-0001', '社会保障卡申领', {
      shortName: '社保卡申领',
      keywords: ['社保卡'],
      basicCode: 'X0001',
    }),
    matterFixture('CQ-KSTB-0002', '异地就医登记备案', { keywords: ['就医'] }),
    matterFixture('CQ-KSTB-0003', '登记证明', { keywords: [] }),
  ]),
);
const index = buildSearchIndex(catalogue, fakeInitials);
const codes = (query: string): string[] => searchMatters(catalogue, query, index).map((hit) => hit.matter.code);

describe('searchMatters', () => {
  it('finds by pinyin initials of name or shortName', () => {
    expect(codes('sbk')[0]).toBe('CQ-KSTB-0001');
    expect(codes('ydjy')[0]).toBe('CQ-KSTB-0002');
    expect(codes('SBK')[0]).toBe('CQ-KSTB-0001');
  });

  it('ranks exact code > name prefix > initials prefix > name substring > keyword', () => {
    expect(searchMatters(catalogue, 'cq-kstb-0002', index)[0]?.matchedBy).toBe('code');
    expect(searchMatters(catalogue, 'x0001', index)[0]?.matter.code).toBe('CQ-KSTB-0001');
    const hits = searchMatters(catalogue, '登记', index);
    expect(hits.map((h) => [h.matter.code, h.matchedBy])).toEqual([
      ['CQ-KSTB-0003', 'name-prefix'],
      ['CQ-KSTB-0009', 'name-substring'],
      ['CQ-KSTB-0002', 'name-substring'],
    ]);
    const social = searchMatters(catalogue, '社保卡', index);
    expect(social.map((h) => [h.matter.code, h.matchedBy])).toEqual([
      ['CQ-KSTB-0001', 'name-prefix'],
      ['CQ-KSTB-0009', 'keyword'],
    ]);
  });

  it('handles empty, full-width and unmatched queries', () => {
    expect(codes('  ')).toEqual([]);
    expect(codes('ｓｂｋ')[0]).toBe('CQ-KSTB-0001');
    expect(codes('zzzz')).toEqual([]);
    expect(searchMatters(catalogue, 'jybe', index)).toEqual([]);
    expect(searchMatters(catalogue, 'jydj', index)[0]).toMatchObject({
      matchedBy: 'keyword',
      matter: { code: 'CQ-KSTB-0002' },
    });
    expect(searchMatters(catalogue, '登记', index, 1)).toHaveLength(1);
  });

  it('works (without initials) when the index is missing an entry', () => {
    expect(searchMatters(catalogue, 'sbk', { catalogueVersion: 'x', entries: {} })).toEqual([]);
    expect(searchMatters(catalogue, '异地', { catalogueVersion: 'x', entries: {} })[0]?.matter.code).toBe(
      'CQ-KSTB-0002',
    );
  });
});

describe('text helpers', () => {
  it('normalises and joins initials', () => {
    expect(normalizeText(' ＣＱ-kstb ')).toBe('cq-kstb');
    expect(joinInitials(['s', 'b', 'k', '（', 'B', 'l', '）', '1'])).toBe('sbkbl1');
  });
});
