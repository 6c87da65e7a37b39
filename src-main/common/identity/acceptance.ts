// Which verifications an application needs before 受理, and what is missing or wrong. 本人 and 帮办
// (the applicant is present): the applicant, and for a minor also a guardian. 代办 (the applicant is
// absent): the agent; the applicant's identity is checked on the documents (授权委托书 and copies).
import type { Application, Person } from '@tongban/protocol/cases/application';
import type { FieldProblem } from '../result';
import { isExpired, isMinor, numberFacts, personMatchProblems, type FormPerson } from './checks';
import type { VerificationRole } from './verification';

/** What a stored verification established, as the acceptance rule needs it. */
export interface VerificationFacts {
  result: 'pass' | 'fail';
  problems: readonly string[];
  person: FormPerson & { nameEn?: string | null };
  birthDate: string | null;
  validTo: string | null;
}

/** The current verification and override state of one case. */
export interface IdentityState {
  /** The latest verification of each role since the case was last decided. */
  latest: Partial<Record<VerificationRole, VerificationFacts>>;
  /** Roles a supervisor has let through. */
  overridden: ReadonlySet<VerificationRole>;
}

/** The roles whose verification an application needs, before knowing about minors. */
export function rolesToVerify(app: Pick<Application, 'mode'>): VerificationRole[] {
  return app.mode === 'proxy' ? ['agent'] : ['applicant'];
}

function formPerson(p: Person): FormPerson {
  return { name: p.name, idType: p.idType, idNumber: p.idNumber };
}

function recordProblems(
  role: VerificationRole,
  facts: VerificationFacts | undefined,
  person: FormPerson | null,
  todayIso: string,
): FieldProblem[] {
  if (!facts) return [{ path: role, code: role === 'guardian' ? 'guardian-required' : 'identity-not-verified' }];
  if (facts.result === 'fail')
    return [{ path: role, code: 'identity-failed' }, ...facts.problems.map((code) => ({ path: role, code }))];
  const problems: string[] = [];
  // The form may have changed since the verification: it must still name the verified person.
  if (person) problems.push(...personMatchProblems({ ...facts.person, nameEn: facts.person.nameEn ?? null }, person));
  if (facts.validTo && isExpired(facts.validTo, todayIso)) problems.push('card-expired');
  return problems.map((code) => ({ path: role, code }));
}

function birthDateOf(facts: VerificationFacts | undefined, person: Person | null, today: Date): string | null {
  if (facts?.birthDate) return facts.birthDate;
  return person ? (numberFacts(person.idType, person.idNumber, today).birthDate ?? null) : null;
}

/**
 * Identity problems that block acceptance, as field problems on 'applicant', 'agent' or 'guardian':
 * identity-not-verified, identity-failed (+ the failed checks), name-mismatch, number-mismatch,
 * document-type-mismatch, card-expired, guardian-required, guardian-minor, agent-minor. A
 * supervisor override of a role removes that role's problems.
 */
export function identityAcceptanceProblems(
  app: Pick<Application, 'mode' | 'applicant' | 'agent'>,
  state: IdentityState,
  today: Date,
  todayIso: string,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const check = (role: VerificationRole, person: Person | null) => {
    if (!state.overridden.has(role))
      problems.push(...recordProblems(role, state.latest[role], person ? formPerson(person) : null, todayIso));
  };
  if (app.mode === 'proxy') {
    check('agent', app.agent);
    const agentBirth = birthDateOf(state.latest.agent, app.agent, today);
    if (!state.overridden.has('agent') && agentBirth && isMinor(agentBirth, todayIso))
      problems.push({ path: 'agent', code: 'agent-minor' });
    return problems;
  }
  check('applicant', app.applicant);
  const applicantBirth = birthDateOf(state.latest.applicant, app.applicant, today);
  if (applicantBirth && isMinor(applicantBirth, todayIso) && !state.overridden.has('guardian')) {
    check('guardian', null);
    const guardian = state.latest.guardian;
    if (guardian?.result === 'pass' && guardian.birthDate && isMinor(guardian.birthDate, todayIso))
      problems.push({ path: 'guardian', code: 'guardian-minor' });
  }
  return problems;
}
