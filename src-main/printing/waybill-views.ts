import type { WaybillView } from '@common/printing/waybill';
import { maskPhone } from '@tongban/protocol/validators';
import type { StoredWaybill } from './waybill-repo';

/** A stored waybill as the UI sees it: the recipient's phone masked. */
export function toWaybillView(w: StoredWaybill): WaybillView {
  return {
    waybillNo: w.waybillNo,
    caseId: w.caseId,
    direction: w.direction,
    numberSource: w.numberSource,
    sender: w.sender,
    recipient: {
      name: w.recipient.name,
      phoneMasked: maskPhone(w.recipient.phone),
      address: w.recipient.address,
      organization: w.recipient.organization,
      divisionCode: w.recipient.divisionCode,
    },
    contents: w.contents,
    pieces: w.pieces,
    weightGrams: w.weightGrams,
    payment: w.payment,
    state: w.state,
    createdAt: w.createdAt,
    sentAt: w.sentAt,
    signedAt: w.signedAt,
  };
}
