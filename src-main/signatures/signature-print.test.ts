// 电子签名 on paper: the 收件凭证 and the 授权委托书 carry the binding signatures (HTML here; the e2e renders the PDF).
import { afterEach, describe, expect, it } from 'vitest';
import {
  PROXY_CARD_MATERIALS,
  PNG_BYTES,
  socialSecurityCardApplication,
  verifyApplicant,
} from '../cases/testing/intake-fixtures';
import { callOk } from '../testing/call';
import { acceptCase, supervisorApp, type SupervisorTestApp } from '../testing/supervisor';

let t: SupervisorTestApp;
afterEach(async () => t?.dispose());

const AGENT = {
  name: '李四',
  idType: 'resident-id',
  idNumber: '500228198512310021',
  phone: '13900139000',
  address: '',
  relationship: '配偶',
} as const;
const stroke = {
  points: Array.from({ length: 12 }, (_, i) => ({ x: 10 + i * 5, y: 40, time: i * 16, pressure: 0.5 })),
};

describe('电子签名 on printed documents', () => {
  it('prints the signatures on the receipt and the 授权委托书; a case without 代办 has no 授权委托书', async () => {
    t = await supervisorApp();
    const { caseId } = await callOk(t.app, t.clerk, 'drafts:create', {});
    await callOk(t.app, t.clerk, 'attachments:add', {
      caseId,
      materialCode: 'PHOTO',
      fileName: 'p.png',
      dataBase64: PNG_BYTES.toString('base64'),
    });
    await verifyApplicant(t.app, t.clerk, caseId);
    await verifyApplicant(t.app, t.clerk, caseId, {
      role: 'agent',
      person: { name: AGENT.name, idType: AGENT.idType, idNumber: AGENT.idNumber },
    });
    const application = socialSecurityCardApplication(caseId, {
      mode: 'proxy',
      agent: AGENT,
      materials: PROXY_CARD_MATERIALS,
    });
    for (const signer of ['applicant', 'agent'] as const) {
      const { ticket } = await callOk(t.app, t.clerk, 'signatures:open', { application, signer });
      const view = await callOk(t.app, 'screen', 'signatures:ticket', { ticket });
      await callOk(t.app, 'screen', 'signatures:sign', {
        ticket,
        textSha256: view.textSha256,
        contentSha256: view.contentSha256,
        points: [stroke],
        png: PNG_BYTES.toString('base64'),
        svg: '<svg/>',
      });
    }
    await callOk(t.app, t.clerk, 'intake:accept', { application });
    const image = `data:image/png;base64,${PNG_BYTES.toString('base64')}`;
    const poa = await callOk(t.app, t.clerk, 'print:preview', { caseId, kind: 'power-of-attorney', format: 'a4' });
    if (poa.as !== 'html') throw new Error('html expected');
    expect(poa.html).toContain('授权委托书');
    expect(poa.html).toContain('委托人（申请人）：张三');
    expect(poa.html).toContain('委托人（签名）：');
    expect(poa.html).toContain('受托人（签名）：');
    expect(poa.html.split(image).length - 1).toBe(2);
    const receipt = await callOk(t.app, t.clerk, 'print:preview', { caseId, kind: 'acceptance-receipt', format: 'a4' });
    if (receipt.as !== 'html') throw new Error('html expected');
    expect(receipt.html).toContain('申请人电子签名');
    expect(receipt.html).toContain('代办人电子签名');

    const self = await acceptCase(t.app, t.clerk);
    expect(
      await t.app.call(t.clerk, 'print:preview', { caseId: self.caseId, kind: 'power-of-attorney', format: 'a4' }, 0),
    ).toMatchObject({ ok: false, error: { code: 'document-not-applicable' } });
  });
});
