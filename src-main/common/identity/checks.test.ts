import { describe, expect, it } from 'vitest';
import type { Application } from '@tongban/protocol/cases/application';
import { identityAcceptanceProblems, type IdentityState, type VerificationFacts } from './acceptance';
import type { CardRead } from './card';
import { ageOn, cardProblems, identityOfCard, isMinor, normalizeName, personMatchProblems } from './checks';
import { ETHNIC_GROUPS, findEthnicity } from './ethnic-groups';

const now = new Date('2026-11-30T02:00:00Z');
const today = '2026-11-30';
const ZHANG: CardRead = {
  docType: 'resident-id',
  name: '张三',
  sex: 'M',
  ethnicity: { code: '01', name: '汉族' },
  birthDate: '1990-03-07',
  idNumber: '500101199003070014',
  validFrom: '2016-03-07',
  validTo: 'long-term',
};

describe('card checks', () => {
  it('accepts a sound card, 长期 never expires, the last valid day still counts', () => {
    expect(cardProblems(ZHANG, now, today)).toEqual([]);
    expect(cardProblems({ ...ZHANG, validTo: today }, now, today)).toEqual([]);
  });

  it('finds an expired card, a card not yet in force, and chip facts that contradict the number', () => {
    expect(cardProblems({ ...ZHANG, validTo: '2026-11-29' }, now, today)).toEqual(['card-expired']);
    expect(cardProblems({ ...ZHANG, validFrom: '2026-12-01' }, now, today)).toEqual(['card-not-yet-valid']);
    expect(cardProblems({ ...ZHANG, birthDate: '1990-03-08', sex: 'F' }, now, today)).toEqual([
      'card-birthdate-mismatch',
      'card-sex-mismatch',
    ]);
    expect(cardProblems({ ...ZHANG, idNumber: '500101199003070015' }, now, today)).toEqual(['card-number-invalid']);
    expect(cardProblems({ ...ZHANG, docType: 'hk-mo-tw-residence' }, now, today)).toEqual(['card-number-invalid']);
    expect(
      cardProblems(
        { ...ZHANG, docType: 'foreign-permanent-2023', idNumber: '950840198001010052', birthDate: '1980-01-01' },
        now,
        today,
      ),
    ).toEqual([]);
  });
});

describe('matching the card with the form', () => {
  it('compares names loosely (spaces, full-width, middle dots) and numbers case-insensitively', () => {
    expect(normalizeName(' 买买提 • 艾力 ')).toBe(normalizeName('买买提·艾力'));
    const card = { ...ZHANG, name: '买买提·艾力', idNumber: '11010519491231002X' };
    expect(
      personMatchProblems(identityOfCard(card), {
        name: '买买提．艾力',
        idType: 'resident-id',
        idNumber: '11010519491231002x',
      }),
    ).toEqual([]);
  });

  it('flags a different name, number and document type', () => {
    expect(
      personMatchProblems(identityOfCard(ZHANG), {
        name: '李四',
        idType: 'resident-id',
        idNumber: '500228198512310021',
      }),
    ).toEqual(['name-mismatch', 'number-mismatch']);
    expect(
      personMatchProblems(identityOfCard(ZHANG), {
        name: '张三',
        idType: 'hk-mo-tw-residence',
        idNumber: '500101199003070014',
      }),
    ).toEqual(['document-type-mismatch']);
  });

  it('lets a foreigner be named by the Chinese or the English name', () => {
    const card: CardRead = {
      ...ZHANG,
      docType: 'foreign-permanent-2023',
      name: '约翰·史密斯',
      nameEn: 'SMITH JOHN',
      idNumber: '950840198001010052',
      birthDate: '1980-01-01',
    };
    expect(
      personMatchProblems(identityOfCard(card), {
        name: 'Smith John',
        idType: 'foreign-permanent',
        idNumber: '950840198001010052',
      }),
    ).toEqual([]);
    expect(
      personMatchProblems(identityOfCard(card), {
        name: '约翰·史密斯',
        idType: 'foreign-permanent',
        idNumber: '950840198001010052',
      }),
    ).toEqual([]);
  });
});

describe('age', () => {
  it('counts whole years; 18 on the birthday; 29 February counts from 1 March', () => {
    expect(ageOn('2008-11-30', today)).toBe(18);
    expect(ageOn('2008-12-01', today)).toBe(17);
    expect(isMinor('2008-12-01', today)).toBe(true);
    expect(isMinor('2008-11-30', today)).toBe(false);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
  });
});

describe('GB 3304 ethnic groups', () => {
  it('ships the 56 groups and finds them by code or name', () => {
    expect(Object.keys(ETHNIC_GROUPS)).toHaveLength(56);
    expect(new Set(Object.values(ETHNIC_GROUPS)).size).toBe(56);
    expect(findEthnicity('1')).toEqual({ code: '01', name: '汉族' });
    expect(findEthnicity('土家')).toEqual({ code: '15', name: '土家族' });
    expect(findEthnicity('土')).toEqual({ code: '30', name: '土族' });
    expect(findEthnicity('56')).toEqual({ code: '56', name: '基诺族' });
    expect(findEthnicity('98')).toEqual({ code: '98', name: '外国血统中国籍人士' });
    expect(findEthnicity('57')).toBeNull();
  });
});

const person = (name: string, idNumber: string, idType: 'resident-id' | 'foreign-permanent' = 'resident-id') => ({
  name,
  idType,
  idNumber,
  phone: '13800138000',
  address: '',
});
const APP: Pick<Application, 'mode' | 'applicant' | 'agent'> = {
  mode: 'self',
  applicant: person('张三', '500101199003070014'),
  agent: null,
};
const pass = (name: string, idNumber: string, birthDate: string, validTo = 'long-term'): VerificationFacts => ({
  result: 'pass',
  problems: [],
  person: { name, idType: 'resident-id', idNumber },
  birthDate,
  validTo,
});
const state = (
  latest: IdentityState['latest'],
  overridden: IdentityState['overridden'] = new Set(),
): IdentityState => ({ latest, overridden });
const check = (app: typeof APP, s: IdentityState) => identityAcceptanceProblems(app, s, now, today);

describe('identity precondition of 受理', () => {
  it('needs the applicant verified in person (本人, 帮办)', () => {
    expect(check(APP, state({}))).toEqual([{ path: 'applicant', code: 'identity-not-verified' }]);
    expect(check({ ...APP, mode: 'assisted' }, state({}))).toEqual([
      { path: 'applicant', code: 'identity-not-verified' },
    ]);
    expect(check(APP, state({ applicant: pass('张三', '500101199003070014', '1990-03-07') }))).toEqual([]);
  });

  it('reports a failed verification with its reasons, and a form changed since the verification', () => {
    const failed: VerificationFacts = {
      ...pass('张三', '500101199003070014', '1990-03-07', '2016-10-10'),
      result: 'fail',
      problems: ['card-expired'],
    };
    expect(check(APP, state({ applicant: failed }))).toEqual([
      { path: 'applicant', code: 'identity-failed' },
      { path: 'applicant', code: 'card-expired' },
    ]);
    const other = { ...APP, applicant: person('李四', '500228198512310021') };
    expect(check(other, state({ applicant: pass('张三', '500101199003070014', '1990-03-07') }))).toEqual([
      { path: 'applicant', code: 'name-mismatch' },
      { path: 'applicant', code: 'number-mismatch' },
    ]);
    // A card that expired between verification and acceptance.
    expect(check(APP, state({ applicant: pass('张三', '500101199003070014', '1990-03-07', '2026-11-29') }))).toEqual([
      { path: 'applicant', code: 'card-expired' },
    ]);
  });

  it('for 代办 needs the agent (an adult), not the applicant', () => {
    const proxy = {
      ...APP,
      mode: 'proxy' as const,
      agent: { ...person('李四', '500228198512310021'), relationship: '朋友' },
    };
    expect(check(proxy, state({}))).toEqual([{ path: 'agent', code: 'identity-not-verified' }]);
    expect(check(proxy, state({ agent: pass('李四', '500228198512310021', '1985-12-31') }))).toEqual([]);
    const minorAgent = { ...proxy, agent: { ...person('王小明', '500101201506010013'), relationship: '儿子' } };
    expect(check(minorAgent, state({ agent: pass('王小明', '500101201506010013', '2015-06-01') }))).toEqual([
      { path: 'agent', code: 'agent-minor' },
    ]);
  });

  it('for a minor applicant needs an adult guardian verified too; a supervisor override lets a role through', () => {
    const minor = { ...APP, applicant: person('王小明', '500101201506010013') };
    const child = pass('王小明', '500101201506010013', '2015-06-01', '2028-07-01');
    expect(check(minor, state({ applicant: child }))).toEqual([{ path: 'guardian', code: 'guardian-required' }]);
    expect(
      check(minor, state({ applicant: child, guardian: pass('王建国', '500101198304200017', '1983-04-20') })),
    ).toEqual([]);
    expect(
      check(minor, state({ applicant: child, guardian: pass('王大毛', '500101201001010000', '2010-01-01') })),
    ).toEqual([{ path: 'guardian', code: 'guardian-minor' }]);
    // Without any verification, the minor's number alone is enough to ask for a guardian.
    expect(check(minor, state({}))).toEqual([
      { path: 'applicant', code: 'identity-not-verified' },
      { path: 'guardian', code: 'guardian-required' },
    ]);
    expect(check(minor, state({ applicant: child }, new Set(['guardian'])))).toEqual([]);
    expect(check(minor, state({}, new Set(['applicant', 'guardian'])))).toEqual([]);
  });
});
