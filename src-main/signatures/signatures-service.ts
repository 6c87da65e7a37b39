// 电子签名 at the window (issue #12, decision 0155). The clerk opens a one-time ticket for one signer of the
// application being filed; the customer screen (paired like 好差评's, no staff session) shows the text main
// built and sends back the strokes with the hashes it was shown. Main rebuilds the text and the signed
// content from the ticket's application and refuses any difference; at 受理 it recomputes the hashes
// from the accepted application, so an edit after signing needs a new signature.
import { randomBytes } from 'node:crypto';
import type { AuditLog } from '../audit/audit-log';
import { ownDraft } from '../cases/case-access';
import { findSituation, type CatalogueSource } from '../cases/catalogue-source';
import type { CasesRepo, StoredCase } from '../cases/cases-repo';
import type { DraftsRepo } from '../cases/drafts-repo';
import { uuidv7 } from '../cases/ids';
import type { Staff } from '../cases/intake-service';
import { AppError } from '@common/errors';
import type { FieldProblem } from '@common/result';
import { signedContentOf } from '@common/signatures/content';
import { documentsFor, requiredSigner, signingText } from '@common/signatures/texts';
import type {
  PrintedSignatures,
  SignatureSubmit,
  SignatureTicketView,
  SignatureStatus,
} from '@common/signatures/views';
import type { Application } from '@tongban/protocol/cases/application';
import { signatureRuleOf } from '@tongban/protocol/catalogue/schema';
import {
  signedContentText,
  type ManifestSignature,
  type SignatureDocument,
  type Signer,
} from '@tongban/protocol/sync/manifest-signature';
import { sha256Hex, type SignatureRow, type SignaturesRepo, type SignatureTicketRow } from './signatures-repo';

/** How long a signing ticket lives. */
export const SIGNATURE_TICKET_MINUTES = 15;
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** What the signatures need from the rest of the app. */
export interface SignaturesDeps {
  repo: SignaturesRepo;
  drafts: DraftsRepo;
  cases: CasesRepo;
  catalogue: CatalogueSource;
  audit: AuditLog;
  now: () => Date;
}

/** What a signer is shown for an application. */
interface Shown {
  documents: SignatureDocument[];
  signerName: string;
  text: string;
  textSha256: string;
  contentSha256: string;
}

const notSignable = (code: string) =>
  new AppError('invalid-input', 'cannot sign this', { fields: [{ path: 'signer', code }] });

/** Tickets, signatures and the 受理 check. */
export class SignaturesService {
  constructor(private readonly d: SignaturesDeps) {}

  /** What `signer` signs for `app`, rebuilt from the catalogue every time. */
  shown(app: Application, signer: Signer): Shown {
    const found = findSituation(this.d.catalogue, app.matterCode, app.situationCode);
    if (!found)
      throw new AppError('invalid-input', 'unknown matter or situation', {
        fields: [{ path: 'situationCode', code: 'situation-unknown' }],
      });
    const person = signer === 'agent' ? app.agent : app.applicant;
    if (!person?.name) throw notSignable(signer === 'agent' ? 'agent-required' : 'applicant-name-required');
    const documents = documentsFor(signer, app.mode, found.matter);
    if (!documents.length) throw notSignable('signer-not-applicable');
    const content = signedContentOf(app);
    const locality = this.d.catalogue.divisionName(app.localityDivision) ?? app.localityDivision;
    const text = signingText(documents, content, found.matter, found.situation, locality);
    return {
      documents,
      signerName: person.name,
      text,
      textSha256: sha256Hex(text),
      contentSha256: sha256Hex(signedContentText(content)),
    };
  }

  /** Opens a ticket for one signer of a draft the clerk may work on; earlier open ones of that signer lapse. */
  open(staff: Staff, app: Application, signer: Signer): { ticket: string; expiresAt: string } {
    ownDraft(staff, this.d.drafts.get(app.caseId));
    const outcome = this.d.cases.outcomeOf(app.caseId);
    if (outcome === 'accepted' || outcome === 'rejected')
      throw new AppError('case-decided', 'this case has already been decided');
    const shown = this.shown(app, signer);
    const ticket = randomBytes(32).toString('base64url');
    const now = this.d.now();
    const expiresAt = new Date(now.getTime() + SIGNATURE_TICKET_MINUTES * 60_000).toISOString();
    this.d.repo.db.transaction(() => {
      this.d.repo.supersedeTickets(app.caseId, signer, now.toISOString());
      this.d.repo.insertTicket({
        hash: sha256Hex(ticket),
        caseId: app.caseId,
        signer,
        application: JSON.stringify(app),
        issuedBy: staff.id,
        issuedAt: now.toISOString(),
        expiresAt,
      });
      this.d.audit.append({
        actor: staff,
        action: 'signature.ticket-open',
        target: `case:${app.caseId}`,
        details: { signer, documents: shown.documents, expiresAt },
      });
    })();
    return { ticket, expiresAt };
  }

  /** What the customer screen shows for a valid ticket. */
  view(ticket: string): SignatureTicketView {
    const t = this.validTicket(ticket);
    const shown = this.shown(JSON.parse(t.application) as Application, t.signer);
    return { expiresAt: t.expires_at, signer: t.signer, ...shown };
  }

  /**
   * Stores a signature sent by the customer screen. Refused when the calling window is signed in as staff,
   * or when the hashes the screen was shown are not those main computes now (nothing is stored then).
   */
  sign(input: SignatureSubmit, staffSession: boolean): { signatureId: string; signedAt: string } {
    if (staffSession)
      throw new AppError('forbidden', 'a staff window cannot sign for the applicant', {
        reason: 'staff-cannot-sign',
      });
    const t = this.validTicket(input.ticket);
    const app = JSON.parse(t.application) as Application;
    const shown = this.shown(app, t.signer);
    if (shown.textSha256 !== input.textSha256 || shown.contentSha256 !== input.contentSha256)
      throw new AppError('conflict', 'the signed text or content is not what this case shows now', {
        reason: 'signature-binding-mismatch',
      });
    const png = Buffer.from(input.png, 'base64');
    if (png.length < 64 || !png.subarray(0, 8).equals(PNG_MAGIC))
      throw new AppError('invalid-input', 'signature image is not a PNG', {
        fields: [{ path: 'png', code: 'signature-image' }],
      });
    const now = this.d.now();
    const signatureId = uuidv7(now.getTime());
    const signedAt = now.toISOString();
    this.d.repo.db.transaction(() => {
      if (!this.d.repo.useTicket(t.ticket_hash, signedAt))
        throw new AppError('conflict', 'ticket already used', { reason: 'ticket-used' });
      this.d.repo.insert({
        signature_id: signatureId,
        case_id: t.case_id,
        signer: t.signer,
        signer_name: shown.signerName,
        documents: JSON.stringify(shown.documents),
        text: shown.text,
        text_sha256: shown.textSha256,
        content_sha256: shown.contentSha256,
        points: JSON.stringify(input.points),
        png,
        png_sha256: sha256Hex(png),
        svg: input.svg,
        signed_at: signedAt,
      });
      this.d.audit.append({
        actor: { id: null, name: t.signer },
        action: 'signature.sign',
        target: `case:${t.case_id}`,
        details: { signatureId, documents: shown.documents, textSha256: shown.textSha256 },
      });
    })();
    return { signatureId, signedAt };
  }

  /** The signatures of an application as it is now: which still bind, which the rule requires. */
  status(staff: Staff, app: Application): SignatureStatus {
    ownDraft(staff, this.d.drafts.get(app.caseId));
    return this.statusOf(app);
  }

  private statusOf(app: Application): SignatureStatus {
    const matter = this.d.catalogue.findMatter(app.matterCode);
    const rule = signatureRuleOf(matter);
    const content = sha256Hex(signedContentText(signedContentOf(app)));
    const signers: Signer[] = app.mode === 'proxy' ? ['applicant', 'agent'] : ['applicant'];
    const rows = this.d.repo.current(app.caseId);
    return {
      required: rule.required,
      requiredSigner: requiredSigner(app.mode),
      signers: signers.map((signer) => {
        const row = rows.find((r) => r.signer === signer);
        const documents = matter ? documentsFor(signer, app.mode, matter) : [];
        if (!row) return { signer, documents, signatureId: null, signedAt: null, state: 'unsigned' as const };
        if (row.purged_at)
          return {
            signer,
            documents,
            signatureId: row.signature_id,
            signedAt: row.signed_at,
            state: 'purged' as const,
          };
        const valid = row.content_sha256 === content && this.textStillShown(app, row);
        return {
          signer,
          documents,
          signatureId: row.signature_id,
          signedAt: row.signed_at,
          state: valid ? ('valid' as const) : ('stale' as const),
        };
      }),
    };
  }

  private textStillShown(app: Application, row: SignatureRow): boolean {
    try {
      return this.shown(app, row.signer).textSha256 === row.text_sha256;
    } catch {
      return false;
    }
  }

  /** 受理 precondition: a matter that requires a signature needs a binding one of the person at the counter. */
  acceptanceProblems(app: Application): FieldProblem[] {
    const status = this.statusOf(app);
    if (!status.required) return [];
    const mine = status.signers.find((s) => s.signer === status.requiredSigner);
    if (mine?.state === 'valid') return [];
    return [
      {
        path: `signature.${status.requiredSigner}`,
        code: mine?.state === 'stale' ? 'signature-stale' : 'signature-required',
      },
    ];
  }

  /** The signatures that bind to a stored case, as its manifest carries them. */
  manifestSignatures(stored: StoredCase): ManifestSignature[] {
    const app = JSON.parse(stored.application) as Application;
    const content = sha256Hex(signedContentText(signedContentOf(app)));
    return this.d.repo
      .current(stored.caseId)
      .filter((r) => !r.purged_at && r.content_sha256 === content)
      .map((r) => ({
        signatureId: r.signature_id,
        signer: r.signer,
        signerName: r.signer_name,
        documents: JSON.parse(r.documents) as SignatureDocument[],
        text: r.text,
        textSha256: r.text_sha256,
        contentSha256: r.content_sha256,
        signedAt: r.signed_at,
        png: r.png.toString('base64'),
        pngSha256: r.png_sha256,
      }));
  }

  /** What the receipt and the 授权委托书 print: the binding signatures of a decided case. */
  printed(caseId: string): PrintedSignatures {
    const stored = this.d.cases.get(caseId);
    if (!stored) return { list: [], powerOfAttorneyText: null };
    const list = this.manifestSignatures(stored);
    const app = JSON.parse(stored.application) as Application;
    let powerOfAttorneyText = list.find((s) => s.documents.includes('power-of-attorney'))?.text ?? null;
    if (powerOfAttorneyText === null && app.mode === 'proxy') {
      try {
        powerOfAttorneyText = this.shown(app, 'applicant').text;
      } catch {
        powerOfAttorneyText = null;
      }
    }
    // Purged by retention: still printed as signed (when and what), without the image.
    const purged = this.d.repo
      .current(caseId)
      .filter((r) => r.purged_at)
      .map((r) => ({
        signer: r.signer,
        signerName: r.signer_name,
        documents: JSON.parse(r.documents) as SignatureDocument[],
        signedAt: r.signed_at,
        image: '',
        purged: true as const,
      }));
    return {
      list: [
        ...list.map((s) => ({
          signer: s.signer,
          signerName: s.signerName,
          documents: s.documents,
          signedAt: s.signedAt,
          image: `data:image/png;base64,${s.png}`,
        })),
        ...purged,
      ],
      powerOfAttorneyText,
    };
  }

  private validTicket(ticket: string): SignatureTicketRow {
    const t = this.d.repo.ticket(sha256Hex(ticket));
    if (!t) throw new AppError('not-found', 'unknown signing ticket', { reason: 'ticket-unknown' });
    if (t.used_at)
      throw new AppError('conflict', 'ticket already used', {
        reason: t.outcome === 'superseded' ? 'ticket-superseded' : 'ticket-used',
      });
    if (t.expires_at <= this.d.now().toISOString())
      throw new AppError('conflict', 'ticket expired', { reason: 'ticket-expired' });
    return t;
  }
}
