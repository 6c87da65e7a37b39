import { describe, expect, it } from 'vitest';
import { documentNumberOf, documentNumberSql } from './document-number';

describe('the document-number rule', () => {
  it('is the receipt number, else the notice number, else empty', () => {
    expect(documentNumberOf({ receiptNo: '500101-20261130-0001', noticeNo: 'N1' })).toBe('500101-20261130-0001');
    expect(documentNumberOf({ receiptNo: null, noticeNo: 'N1' })).toBe('N1');
    expect(documentNumberOf({ receiptNo: null, noticeNo: null })).toBe('');
  });

  it('says the same in SQL', () => {
    expect(documentNumberSql()).toBe('coalesce(c.receipt_no, c.notice_no)');
    expect(documentNumberSql('x')).toBe('coalesce(x.receipt_no, x.notice_no)');
  });
});
