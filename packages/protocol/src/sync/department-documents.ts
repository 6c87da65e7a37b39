// The 办理地 department's own documents (收受分离, issue #14): the gateway renders and seals them when a reviewer
// records 受理 / 不予受理 / a decision with the document number, and every later status event lists them
// (details.documents), so the window can fetch each one (GET /v1/cases/{caseId}/result?document=<kind>) and print it.
import { z } from 'zod';

/** 受理通知书, 不予受理决定书, and the decision (准予 / 不予). */
export const DEPARTMENT_DOCUMENT_KINDS = ['acceptance', 'non-acceptance', 'approval', 'refusal'] as const;
/** One kind of department document. */
export type DepartmentDocumentKind = (typeof DEPARTMENT_DOCUMENT_KINDS)[number];

/** A department document as a status event announces it. */
export const departmentDocumentSchema = z.object({
  kind: z.enum(DEPARTMENT_DOCUMENT_KINDS),
  /** The department's own document number (文号), as the reviewer entered it. */
  documentNo: z.string().min(1).max(60),
  title: z.string().min(1).max(40),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  fileName: z.string().min(1).max(120),
  size: z.number().int().min(1),
  issuedAt: z.iso.datetime({ offset: true }),
});

/** A department document as announced. */
export type DepartmentDocument = z.infer<typeof departmentDocumentSchema>;

/**
 * The title of a department document. A decision on a 行政许可 matter is a 准予/不予行政许可决定书 (行政许可法
 * §38, §40); on any other matter type it is an 办理结果通知书 / 不予办理决定书 in the department's name.
 */
export function departmentDocumentTitle(kind: DepartmentDocumentKind, matterType: string | null): string {
  const licence = matterType === '行政许可';
  switch (kind) {
    case 'acceptance':
      return '受理通知书';
    case 'non-acceptance':
      return '不予受理决定书';
    case 'approval':
      return licence ? '准予行政许可决定书' : '办理结果通知书';
    case 'refusal':
      return licence ? '不予行政许可决定书' : '不予办理决定书';
  }
}

/** A department's document number: printable, no control characters or path separators. */
export const DOCUMENT_NO_PATTERN = /^[^\p{Cc}/\\<>]{2,60}$/u;
