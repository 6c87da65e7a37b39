// The application as the case manifest carries it, for what a signature covers (decision 0155). The manifest
// builder maps the people with the same function, so the window and the gateway hash the same text.
import type { Application, Person } from '@tongban/protocol/cases/application';
import type { SignedContent } from '@tongban/protocol/sync/manifest-signature';

/** A person as the manifest carries them (ID numbers upper-case). */
export function manifestPerson(p: Person) {
  return { name: p.name, idType: p.idType, idNumber: p.idNumber.toUpperCase(), phone: p.phone, address: p.address };
}

/** The signed fields of an application, exactly as its manifest will carry them. */
export function signedContentOf(app: Application): SignedContent {
  return {
    caseId: app.caseId,
    matterCode: app.matterCode,
    situationCode: app.situationCode,
    localityDivision: app.localityDivision,
    mode: app.mode,
    applicant: manifestPerson(app.applicant),
    agent: app.agent ? { ...manifestPerson(app.agent), relationship: app.agent.relationship } : null,
    form: app.form,
  };
}
