// The 复议/诉讼 sentence of a decision against an applicant (不予受理, 不予许可): the same words on the window's
// 委托受理 不予受理通知书 and on the 办理地 department's own documents rendered by the gateway. A department whose
// register entry is not verified gets 以办理地部门告知为准 beside both bodies (issue #14, decision 0221).

/** What the register says about where an applicant may seek remedy. */
export interface Remedy {
  reviewBody: string;
  court: string;
  /** false when the department's 复议机关 and court have not been checked with it. */
  verified: boolean;
}

/** Printed beside a value the catalogue has not checked. */
export const UNVERIFIED_REMEDY_NOTE = '以办理地部门告知为准';

/** 行政复议法 §20 (60 days) and 行政诉讼法 §46 (6 months), counted from receipt of `document`. */
export function remedySentence(remedy: Remedy, document = '本通知书'): string {
  const mark = remedy.verified ? '' : `（${UNVERIFIED_REMEDY_NOTE}）`;
  return `如不服本决定，可以自收到${document}之日起六十日内向${remedy.reviewBody}${mark}申请行政复议，或者自收到${document}之日起六个月内向${remedy.court}${mark}提起行政诉讼。`;
}

/** When the department has configured no bodies: the applicant is told to ask, nothing is invented. */
export function remedyUnknownSentence(document = '本通知书'): string {
  return `如不服本决定，可以自收到${document}之日起六十日内依法申请行政复议，或者自收到${document}之日起六个月内依法提起行政诉讼；复议机关和管辖法院${UNVERIFIED_REMEDY_NOTE}。`;
}
