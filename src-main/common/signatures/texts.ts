// What a signer is shown on the customer screen (decision 0155): the documents they sign, as one text built
// by main from the application and the catalogue. The hash of exactly this text is stored with the signature.
import { ID_TYPE_LABELS_ZH, type ApplyMode } from '@tongban/protocol/cases/application';
import type { Matter, Situation } from '@tongban/protocol/catalogue/schema';
import { signatureRuleOf } from '@tongban/protocol/catalogue/schema';
import {
  SIGNATURE_DOCUMENT_LABELS_ZH,
  type SignatureDocument,
  type SignedContent,
  type Signer,
} from '@tongban/protocol/sync/manifest-signature';
import { maskIdNumber } from '@tongban/protocol/validators';

const MODE_ZH: Record<ApplyMode, string> = { self: '本人申请', assisted: '帮办（申请人在场）', proxy: '代办' };

/** The documents one signer signs for this application. 代办: the applicant signs the 授权委托书 only. */
export function documentsFor(signer: Signer, mode: ApplyMode, matter: Pick<Matter, 'signature'>): SignatureDocument[] {
  const commitment = signatureRuleOf(matter).commitment ? (['commitment'] as const) : [];
  if (mode !== 'proxy') return signer === 'applicant' ? ['application', ...commitment] : [];
  return signer === 'applicant' ? ['power-of-attorney'] : ['application', ...commitment, 'agent-undertaking'];
}

/** Who must sign before 受理 when the matter requires a signature: the person at the counter. */
export function requiredSigner(mode: ApplyMode): Signer {
  return mode === 'proxy' ? 'agent' : 'applicant';
}

type PersonLike = SignedContent['applicant'];
const who = (p: PersonLike) => `${p.name}（${ID_TYPE_LABELS_ZH[p.idType]} ${maskIdNumber(p.idNumber)}）`;

function documentText(
  doc: SignatureDocument,
  c: SignedContent,
  matter: Pick<Matter, 'name' | 'signature'>,
  situation: Pick<Situation, 'name' | 'fields'>,
  localityName: string,
): string[] {
  const matterLine = `${matter.name}（${situation.name}）`;
  switch (doc) {
    case 'application':
      return [
        `事项：${matterLine}`,
        `办理方式：${MODE_ZH[c.mode]}`,
        `业务属地：${localityName}`,
        `申请人：${who(c.applicant)}`,
        ...(c.agent ? [`代办人：${who(c.agent)}，与申请人关系：${c.agent.relationship}`] : []),
        ...situation.fields
          .filter((f) => (c.form[f.key] ?? '') !== '')
          .map((f) => `${f.label}：${c.form[f.key] ?? ''}`),
        '本人已核对以上申请信息，确认真实、准确、完整，同意窗口据此代收并转业务属地部门办理。',
      ];
    case 'commitment':
      return [signatureRuleOf(matter).commitment ?? ''];
    case 'power-of-attorney': {
      const agent = c.agent;
      return [
        `委托人（申请人）：${who(c.applicant)}`,
        `受托人（代办人）：${agent ? `${who(agent)}，与委托人关系：${agent.relationship}` : '—'}`,
        `委托事项：委托受托人代为办理“${matterLine}”，包括提交申请和材料、补正材料、领取办理结果。`,
        '受托人在上述权限内办理的事项，委托人均予以承认，并承担相应的法律责任。',
      ];
    }
    case 'agent-undertaking':
      return [
        `本人${c.agent?.name ?? ''}受${c.applicant.name}委托代为办理“${matterLine}”，承诺所持授权委托书真实有效、系委托人本人真实意思表示，所提交的材料真实、合法、有效；如有虚假，愿承担相应法律责任。`,
      ];
  }
}

/** The exact text shown to a signer: each document under its title, in order. */
export function signingText(
  documents: readonly SignatureDocument[],
  c: SignedContent,
  matter: Pick<Matter, 'name' | 'signature'>,
  situation: Pick<Situation, 'name' | 'fields'>,
  localityName: string,
): string {
  return documents
    .map((d) =>
      [`【${SIGNATURE_DOCUMENT_LABELS_ZH[d]}】`, ...documentText(d, c, matter, situation, localityName)].join('\n'),
    )
    .join('\n\n');
}
