// 网络送达: what the window shows and saves of the department's result PDF (pure, tested).
import type { CaseDetail } from '@common/cases/case-types';
import type { ExportDownload } from '@common/supervisor/views';

/** The result the latest department decision announced, or null (no 网络送达 for this case). */
export function announcedResult(detail: Pick<CaseDetail, 'outcome' | 'deptDetails'>) {
  if (detail.outcome !== 'accepted') return null;
  const result = detail.deptDetails?.result;
  return result?.fileName && result.sha256 ? result : null;
}

/** The fetched (and, in main, hash-checked) PDF as a download the clerk opens to view or print. */
export function resultDownload(file: { fileName: string; pdfBase64: string }): ExportDownload {
  const padding = file.pdfBase64.endsWith('==') ? 2 : file.pdfBase64.endsWith('=') ? 1 : 0;
  const fileName = /\.pdf$/i.test(file.fileName) ? file.fileName : `${file.fileName}.pdf`;
  return {
    fileName,
    mediaType: 'application/pdf',
    size: Math.floor((file.pdfBase64.length * 3) / 4) - padding,
    dataBase64: file.pdfBase64,
  };
}
