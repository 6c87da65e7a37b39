// The document-number rule, once: a case is known by its 受理回执 number, or — when it was not
// accepted — by the number of its 一次性告知书 / 不予受理通知书.

/** The number a case is known by (receipt, else notice), or '' before either exists. */
export function documentNumberOf(c: { receiptNo: string | null; noticeNo: string | null }): string {
  return c.receiptNo ?? c.noticeNo ?? '';
}

/** The same rule in SQL, for a `cases` table aliased `alias`. */
export function documentNumberSql(alias = 'c'): string {
  return `coalesce(${alias}.receipt_no, ${alias}.notice_no)`;
}
