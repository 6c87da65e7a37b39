import { afterEach, describe, expect, it } from 'vitest';
import type { ApplicationInput } from '@tongban/protocol/cases/application';
import { signatureBindingProblems, signedContentText } from '@tongban/protocol/sync/manifest-signature';
import type { CommandInput } from '@common/contract';
import { signedContentOf } from '@common/signatures/content';
import { applicationSchema } from '@tongban/protocol/cases/application';
import { PNG_BYTES, socialSecurityCardApplication, verifyApplicant } from '../cases/testing/intake-fixtures';
import { callOk } from '../testing/call';
import { supervisorApp, type SupervisorTestApp } from '../testing/supervisor';
import { sha256Hex } from './signatures-repo';

let t: SupervisorTestApp;
afterEach(async () => t?.dispose());

/** The customer screen: its own caller, never signed in. */
const SCREEN = 'customer-screen';

/** 正常退休提取住房公积金: a matter whose catalogue entry requires the signature and has a 告知承诺. */
function retirementWithdrawal(caseId: string, overrides: Partial<ApplicationInput> = {}): ApplicationInput {
  return {
    ...socialSecurityCardApplication(caseId),
    matterCode: 'CQ-KSTB-0007',
    situationCode: 'RETIRE',
    form: {
      depositDivision: '510104',
      retireDate: '2025-10-01',
      bankName: '中国工商银行',
      bankAccount: '6222020200112233',
    },
    materials: [
      { code: 'ID-DOC', handling: 'seen-returned', pages: 1 },
      { code: 'BANK-CARD', handling: 'seen-returned', pages: 1 },
      { code: 'APPLY-FORM', handling: 'kept-to-mail', pages: 1 },
    ],
    ...overrides,
  };
}

const stroke = {
  points: Array.from({ length: 12 }, (_, i) => ({ x: 10 + i * 5, y: 40 + (i % 3) * 4, time: i * 16, pressure: 0.5 })),
};

async function draft(): Promise<string> {
  const { caseId } = await callOk(t.app, t.clerk, 'drafts:create', {});
  await verifyApplicant(t.app, t.clerk, caseId);
  return caseId;
}

/** Opens a ticket, reads what the screen shows and signs it there; returns the view. */
async function sign(
  application: ApplicationInput,
  signer: 'applicant' | 'agent' = 'applicant',
  tamper: Partial<CommandInput<'signatures:sign'>> = {},
) {
  const { ticket } = await callOk(t.app, t.clerk, 'signatures:open', { application, signer });
  const view = await callOk(t.app, SCREEN, 'signatures:ticket', { ticket });
  const input = {
    ticket,
    textSha256: view.textSha256,
    contentSha256: view.contentSha256,
    points: [stroke],
    png: PNG_BYTES.toString('base64'),
    svg: '<svg xmlns="http://www.w3.org/2000/svg"><path d="M10 40 L65 44"/></svg>',
    ...tamper,
  };
  return { ticket, view, input, result: await t.app.call(SCREEN, 'signatures:sign', input, 0) };
}

const accept = (application: ApplicationInput) => t.app.call(t.clerk, 'intake:accept', { application }, 0);

describe('电子签名', () => {
  it('a matter that requires a signature is not accepted without one; the signed text and content bind', async () => {
    t = await supervisorApp();
    const caseId = await draft();
    const app = retirementWithdrawal(caseId);
    // No signature: refused with a field problem, nothing stored.
    expect(await accept(app)).toMatchObject({
      ok: false,
      error: {
        code: 'formal-check-failed',
        details: { fields: [{ path: 'signature.applicant', code: 'signature-required' }] },
      },
    });
    expect(t.app.services.intake.cases.get(caseId)).toBeNull();

    const { view, result } = await sign(app);
    expect(result.ok).toBe(true);
    // What the applicant saw: the form confirmation and the matter's 告知承诺, ID number masked.
    expect(view.documents).toEqual(['application', 'commitment']);
    expect(view.text).toContain('【申请表确认】');
    expect(view.text).toContain('【告知承诺书】');
    expect(view.text).toContain('收款银行：中国工商银行');
    expect(view.text).not.toContain('500101199003070014');
    expect(view.textSha256).toBe(sha256Hex(view.text));

    const status = await callOk(t.app, t.clerk, 'signatures:status', { application: app });
    expect(status).toMatchObject({ required: true, requiredSigner: 'applicant', signers: [{ state: 'valid' }] });
    expect(await accept(app)).toMatchObject({ ok: true });

    // The manifest carries the signature; its hashes recompute from its own text and the case's content.
    const stored = t.app.services.intake.cases.get(caseId)!;
    const [sig] = t.app.services.signatures.manifestSignatures(stored);
    expect(sig).toMatchObject({ signer: 'applicant', signerName: '张三', text: view.text });
    const content = signedContentOf(applicationSchema.parse(app));
    const b64 = (s: string) => Buffer.from(s, 'base64');
    expect(signatureBindingProblems(content, sig!, sha256Hex, b64)).toEqual([]);
    // Moved onto another case (same person, same form): the content hash no longer matches.
    const other = { ...content, caseId: '01900000-0000-7000-8000-000000000001' };
    expect(signatureBindingProblems(other, sig!, sha256Hex, b64)).toEqual(['content-hash']);
    // Its text edited: the text hash no longer matches.
    expect(signatureBindingProblems(content, { ...sig!, text: `${sig!.text}。` }, sha256Hex, b64)).toEqual([
      'text-hash',
    ]);
    expect(sig!.contentSha256).toBe(sha256Hex(signedContentText(content)));
  });

  it('an edit after signing invalidates the signature and asks for a new one', async () => {
    t = await supervisorApp();
    const caseId = await draft();
    const app = retirementWithdrawal(caseId);
    expect((await sign(app)).result.ok).toBe(true);
    const edited = retirementWithdrawal(caseId, {
      form: { ...app.form!, bankAccount: '6222020200119999' },
    });
    expect(await callOk(t.app, t.clerk, 'signatures:status', { application: edited })).toMatchObject({
      signers: [{ state: 'stale' }],
    });
    expect(await accept(edited)).toMatchObject({
      ok: false,
      error: {
        code: 'formal-check-failed',
        details: { fields: [{ path: 'signature.applicant', code: 'signature-stale' }] },
      },
    });
    expect(t.app.services.intake.cases.get(caseId)).toBeNull();
    // Signed again on the edited application: accepted, and only the new signature travels.
    const again = await sign(edited);
    expect(again.result.ok).toBe(true);
    expect(await accept(edited)).toMatchObject({ ok: true });
    const sigs = t.app.services.signatures.manifestSignatures(t.app.services.intake.cases.get(caseId)!);
    expect(sigs.map((s) => s.textSha256)).toEqual([again.view.textSha256]);
  });

  it('refuses hashes that are not what main shows, a staff window, a spent ticket, and a signature moved to another case', async () => {
    t = await supervisorApp();
    const caseId = await draft();
    const app = retirementWithdrawal(caseId);
    const wrong = await sign(app, 'applicant', { textSha256: sha256Hex('另一份文本') });
    expect(wrong.result).toMatchObject({
      ok: false,
      error: { code: 'conflict', details: { reason: 'signature-binding-mismatch' } },
    });
    const wrongContent = await sign(app, 'applicant', { contentSha256: sha256Hex('{}') });
    expect(wrongContent.result).toMatchObject({
      ok: false,
      error: { details: { reason: 'signature-binding-mismatch' } },
    });
    expect(await callOk(t.app, t.clerk, 'signatures:status', { application: app })).toMatchObject({
      signers: [{ state: 'unsigned' }],
    });
    // The clerk's own (staff) window may never sign for the applicant.
    const { ticket } = await callOk(t.app, t.clerk, 'signatures:open', { application: app, signer: 'applicant' });
    const view = await callOk(t.app, SCREEN, 'signatures:ticket', { ticket });
    const input = {
      ticket,
      textSha256: view.textSha256,
      contentSha256: view.contentSha256,
      points: [stroke],
      png: PNG_BYTES.toString('base64'),
      svg: '<svg/>',
    };
    expect(await t.app.call(t.clerk, 'signatures:sign', input, 0)).toMatchObject({
      ok: false,
      error: { code: 'forbidden', details: { reason: 'staff-cannot-sign' } },
    });
    expect((await t.app.call(SCREEN, 'signatures:sign', input, 0)).ok).toBe(true);
    expect(await t.app.call(SCREEN, 'signatures:sign', input, 0)).toMatchObject({
      ok: false,
      error: { details: { reason: 'ticket-used' } },
    });
    // Not a PNG, or no strokes: refused by the contract / main.
    const { ticket: t2 } = await callOk(t.app, t.clerk, 'signatures:open', { application: app, signer: 'applicant' });
    expect(await t.app.call(SCREEN, 'signatures:sign', { ...input, ticket: t2, points: [] }, 0)).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(
      await t.app.call(
        SCREEN,
        'signatures:sign',
        {
          ...input,
          ticket: t2,
          png: Buffer.from('GIF89a-not-a-png-at-all-but-long-enough-to-pass-the-size-check-of-64').toString('base64'),
        },
        0,
      ),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', details: { fields: [{ path: 'png', code: 'signature-image' }] } },
    });

    // The same person's second case: the signature row copied over does not bind there.
    const otherId = await draft();
    const otherApp = retirementWithdrawal(otherId);
    t.app.services.db
      .prepare(
        `INSERT INTO case_signatures SELECT signature_id || '-copy', ?, signer, signer_name, documents, text, text_sha256,
           content_sha256, points, png, png_sha256, svg, signed_at, superseded_at, purged_at FROM case_signatures WHERE case_id = ?`,
      )
      .run(otherId, caseId);
    expect(await callOk(t.app, t.clerk, 'signatures:status', { application: otherApp })).toMatchObject({
      signers: [{ state: 'stale' }],
    });
    expect(await accept(otherApp)).toMatchObject({
      ok: false,
      error: { details: { fields: [{ path: 'signature.applicant', code: 'signature-stale' }] } },
    });
  });

  it('代办: the applicant signs the 授权委托书, the agent signs the form and the undertaking; the agent is required', async () => {
    t = await supervisorApp();
    const caseId = await draft();
    const agent = {
      name: '李四',
      idType: 'resident-id',
      idNumber: '500228198512310021',
      phone: '13900139000',
      address: '',
      relationship: '配偶',
    } as const;
    await verifyApplicant(t.app, t.clerk, caseId, {
      role: 'agent',
      person: { name: agent.name, idType: agent.idType, idNumber: agent.idNumber },
    });
    const app = retirementWithdrawal(caseId, {
      mode: 'proxy',
      agent,
      materials: [
        { code: 'ID-DOC', handling: 'seen-returned', pages: 1 },
        { code: 'BANK-CARD', handling: 'seen-returned', pages: 1 },
        { code: 'APPLY-FORM', handling: 'kept-to-mail', pages: 1 },
        { code: 'AGENT-AUTH', handling: 'kept-to-mail', pages: 1 },
        { code: 'AGENT-ID', handling: 'seen-returned', pages: 1 },
      ],
    });
    const applicant = await sign(app, 'applicant');
    expect(applicant.view.documents).toEqual(['power-of-attorney']);
    expect(applicant.view.text).toContain('受托人（代办人）：李四');
    expect(await accept(app)).toMatchObject({
      ok: false,
      error: { details: { fields: [{ path: 'signature.agent', code: 'signature-required' }] } },
    });
    const agentSigned = await sign(app, 'agent');
    expect(agentSigned.view.documents).toEqual(['application', 'commitment', 'agent-undertaking']);
    expect(await accept(app)).toMatchObject({ ok: true });
    const sigs = t.app.services.signatures.manifestSignatures(t.app.services.intake.cases.get(caseId)!);
    expect(sigs.map((s) => s.signer).sort()).toEqual(['agent', 'applicant']);
    // Nothing can be signed on a decided case.
    expect(await t.app.call(t.clerk, 'signatures:open', { application: app, signer: 'applicant' }, 0)).toMatchObject({
      ok: false,
    });
  });
});
