import { describe, expect, it } from 'vitest';
import { resultEn } from '../../i18n/result.en';
import { resultZh } from '../../i18n/result.zh-CN';
import { announcedResult, resultDownload } from './result-file';

const RESULT = { sha256: 'a'.repeat(64), fileName: '办理结果-500101.pdf', size: 5 };

describe('办理结果（网络送达） in the case detail', () => {
  it('shows the line only for an accepted case whose latest decision announced a result', () => {
    expect(announcedResult({ outcome: 'accepted', deptDetails: { result: RESULT } })).toEqual(RESULT);
    expect(announcedResult({ outcome: 'accepted', deptDetails: { waybillNo: 'SF1' } })).toBeNull();
    expect(announcedResult({ outcome: 'accepted', deptDetails: null })).toBeNull();
    expect(announcedResult({ outcome: 'rejected', deptDetails: { result: RESULT } })).toBeNull();
  });

  it('saves the fetched bytes as a PDF with its real size and a .pdf name', () => {
    const text = '%PDF-1.7\n%%EOF\n';
    const file = resultDownload({ fileName: '办理结果', pdfBase64: btoa(text) });
    expect(file).toMatchObject({ fileName: '办理结果.pdf', mediaType: 'application/pdf', size: text.length });
    expect(atob(file.dataBase64)).toBe(text);
    for (const n of [1, 2, 3]) {
      const b64 = btoa('x'.repeat(n));
      expect(resultDownload({ fileName: 'r.PDF', pdfBase64: b64 })).toMatchObject({ fileName: 'r.PDF', size: n });
    }
  });

  it('has the labels in both languages', () => {
    expect(resultZh.line).toBe('办理结果（网络送达）');
    expect(resultZh.open).toBe('查看/打印办理结果');
    expect(Object.keys(resultEn).sort()).toEqual(Object.keys(resultZh).sort());
  });
});
