import { describe, expect, it } from 'vitest';
import { nextCopyOf, type PrintLogEntry } from './documents';

type Entry = Pick<PrintLogEntry, 'kind' | 'state' | 'format' | 'documentNo' | 'copy'>;
const entry = (e: Partial<Entry>): Entry => ({
  kind: 'acceptance-receipt',
  state: 'printed',
  format: 'thermal-80',
  documentNo: 'R1',
  copy: 1,
  ...e,
});

describe('nextCopyOf', () => {
  it('counts copies per kind of paper: the A4 notice after two slips is its first copy', () => {
    const log = [entry({ copy: 1 }), entry({ copy: 2 })];
    expect(nextCopyOf(log, 'acceptance-receipt', 'thermal-80')).toBe(3);
    expect(nextCopyOf(log, 'acceptance-receipt', 'thermal-58')).toBe(3);
    expect(nextCopyOf(log, 'acceptance-receipt', 'a4')).toBe(1);
    expect(nextCopyOf([...log, entry({ format: 'a4', copy: 1 })], 'acceptance-receipt', 'a4')).toBe(2);
  });

  it('ignores failed attempts, other documents and other waybills', () => {
    const log = [
      entry({ state: 'failed', copy: 1 }),
      entry({ kind: 'incomplete-notice', copy: 4 }),
      entry({ kind: 'waybill', format: 'label-76x130', documentNo: 'EA000000001CN', copy: 2 }),
    ];
    expect(nextCopyOf(log, 'acceptance-receipt', 'thermal-80')).toBe(1);
    expect(nextCopyOf(log, 'waybill', 'label-100x150', 'EA000000001CN')).toBe(3);
    expect(nextCopyOf(log, 'waybill', 'label-100x150', 'EA000000002CN')).toBe(1);
  });
});
