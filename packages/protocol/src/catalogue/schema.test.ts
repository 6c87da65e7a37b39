import { describe, expect, it } from 'vitest';
import { catalogueFixture, matterFixture } from './test-fixtures';
import { formatIssuePath } from './issues';
import { effectivePromisedDays, parseCatalogue } from './schema';
import { compareCatalogueVersions } from './version';

describe('parseCatalogue', () => {
  it('accepts a minimal valid catalogue', () => {
    const result = parseCatalogue(catalogueFixture([matterFixture('CQ-KSTB-0001', '测试事项')]));
    expect(result.ok).toBe(true);
    if (result.ok) {
      const matter = result.catalogue.matters[0]!;
      expect(effectivePromisedDays(matter, matter.situations[0]!)).toBe(5);
    }
  });

  it('lists every structural and cross-field error with its path', () => {
    const bad = matterFixture('CQ-KSTB-0002', '坏事项', {
      type: '行政处罚', // not an 依申请 type
      agency: { inPersonOnly: true, agentAllowed: true },
      situations: [
        {
          code: 'A',
          name: '情形A',
          fields: [
            { key: 'reason', label: '原因', kind: 'select', required: true },
            { key: 'reason', label: '重复', kind: 'text', required: false },
            { key: 'applicantName', label: '姓名', kind: 'person-name', required: true },
          ],
          materials: [
            {
              code: 'M1',
              name: '材料',
              form: 'scan',
              copies: 1,
              requirement: 'required',
              mailOriginalToLocality: false,
            },
            {
              code: 'M2',
              name: '委托书',
              form: 'copy',
              copies: 1,
              requirement: 'conditional',
              mailOriginalToLocality: true,
            },
            {
              code: 'M2',
              name: '重复',
              form: 'original',
              copies: 0,
              requirement: 'optional',
              mailOriginalToLocality: false,
            },
          ],
        },
        { code: 'A', name: '重复情形', fields: [], materials: [] },
      ],
    });
    const doc = catalogueFixture([
      matterFixture('CQ-KSTB-0001', '好事项'),
      bad,
      matterFixture('CQ-KSTB-0001', '重复编码'),
    ]);
    doc.catalogueVersion = '2026.13.1';
    const result = parseCatalogue(doc);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = result.errors.map((e) => e.path);
    const expected = [
      'catalogueVersion',
      'matters[1].type',
      'matters[1].agency.agentAllowed',
      'matters[1].situations[0].fields[0].options',
      'matters[1].situations[0].fields[1].key',
      'matters[1].situations[0].fields[2].key',
      'matters[1].situations[0].materials[0].form',
      'matters[1].situations[0].materials[1].condition',
      'matters[1].situations[0].materials[1].mailOriginalToLocality',
      'matters[1].situations[0].materials[2].code',
      'matters[1].situations[0].materials[2].copies',
      'matters[1].situations[1].code',
      'matters[1].situations[1].materials',
      'matters[2].code',
    ];
    for (const path of expected) expect(paths, path).toContain(path);
    expect(result.errors.every((e) => e.message.length > 0)).toBe(true);
  });

  it('rejects unknown keys, a wrong schemaVersion and non-objects', () => {
    const doc = catalogueFixture([matterFixture('CQ-KSTB-0001', '事项', { requirment: 'x' })]);
    doc.schemaVersion = 2;
    const result = parseCatalogue(doc);
    expect(result.ok ? [] : result.errors.map((e) => e.path)).toEqual(
      expect.arrayContaining(['schemaVersion', 'matters[0]']),
    );
    const root = parseCatalogue('nope');
    expect(root.ok ? [] : root.errors.map((e) => e.path)).toEqual(['']);
  });

  it('requires a note on unverified matters and promised ≤ statutory days', () => {
    const doc = catalogueFixture([
      matterFixture('CQ-KSTB-0001', '事项', { verificationNote: undefined, promisedDays: 30, statutoryDays: 20 }),
      matterFixture('CQ-KSTB-0002', '事项2', { verified: true, unverifiedElements: ['fee'] }),
    ]);
    const result = parseCatalogue(JSON.parse(JSON.stringify(doc)));
    expect(result.ok ? [] : result.errors.map((e) => e.path)).toEqual(
      expect.arrayContaining([
        'matters[0].verificationNote',
        'matters[0].promisedDays',
        'matters[1].unverifiedElements',
      ]),
    );
  });
});

describe('helpers', () => {
  it('formats issue paths', () => {
    expect(formatIssuePath(['matters', 3, 'situations', 0, 'materials', 2, 'form'])).toBe(
      'matters[3].situations[0].materials[2].form',
    );
    expect(formatIssuePath([])).toBe('');
  });

  it('compares catalogue versions numerically', () => {
    expect(compareCatalogueVersions('2026.11.10', '2026.11.9')).toBeGreaterThan(0);
    expect(compareCatalogueVersions('2026.02.1', '2026.11.1')).toBeLessThan(0);
    expect(compareCatalogueVersions('2026.11.1', '2026.11.1')).toBe(0);
    expect(compareCatalogueVersions('2026.13.1', '2026.11.1')).toBeNull();
  });
});
