// Small in-memory fixtures shared by the common catalogue tests (no node:* imports).
import type { Catalogue } from './schema';

/** A minimal valid matter; override fields per test. */
export function matterFixture(
  code: string,
  name: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    code,
    name,
    department: '人社部门',
    type: '公共服务',
    legalBasis: ['《中华人民共和国社会保险法》'],
    applicantKinds: ['natural-person'],
    agency: { inPersonOnly: false, agentAllowed: true },
    promisedDays: 5,
    fee: { charged: false, description: '不收费' },
    delivery: ['window'],
    keywords: [],
    verified: false,
    verificationNote: 'fixture',
    situations: [
      {
        code: 'DEFAULT',
        name: '一般情形',
        fields: [{ key: 'insuredDivision', label: '参保地', kind: 'division', required: true }],
        materials: [
          {
            code: 'ID-DOC',
            name: '居民身份证',
            form: 'original',
            copies: 1,
            requirement: 'required',
            mailOriginalToLocality: false,
          },
        ],
      },
    ],
    ...extra,
  };
}

/** A minimal valid catalogue document with the given matters. */
export function catalogueFixture(matters: unknown[]): Record<string, unknown> {
  return {
    schemaVersion: 1,
    catalogueVersion: '2026.11.1',
    publishedAt: '2026-11-29',
    sourceNotes: ['fixture'],
    matters,
  };
}

/** Casts a fixture known to be valid. */
export const asCatalogue = (doc: Record<string, unknown>): Catalogue => doc as unknown as Catalogue;
