// How the applicant receives the result: the matter's catalogue entry offers 窗口领取 and/or EMS 邮寄;
// 网络送达 (the result PDF fetched with the receipt's 取件码, #13) is offered wherever posting is.
import type { Application } from '@tongban/protocol/cases/application';

/** A delivery choice at intake. */
export type DeliveryChoice = Application['delivery'];

/** The choices a matter offers, in display order. */
export function deliveryOptions(offered: readonly string[]): DeliveryChoice[] {
  const out = offered.filter((d): d is DeliveryChoice => d === 'window' || d === 'ems');
  return out.includes('ems') ? [...out, 'online'] : out;
}
