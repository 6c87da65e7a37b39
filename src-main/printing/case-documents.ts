// Gathers what a document prints for one case: the masked case detail, the catalogue entry, the
// route, the waybills, the signed QR payload and the copy number, then builds the model.
import type { CaseQueries } from '../cases/case-query';
import type { CaseDetail } from '@common/cases/case-types';
import type { CatalogueService } from '../catalogue/catalogue-service';
import { AppError } from '@common/errors';
import type { Hall } from '@common/hall';
import { DOCUMENT_FORMATS, type DocumentKind, type PrintFormat } from '@common/printing/documents';
import type { HolidayCalendar } from '@common/printing/holiday-data';
import { isPlaceholderUrl } from '@common/readiness';
import { buildNoticeData, ratingUrlFor, type NoticeData } from '@common/printing/notice-data';
import type { PrintSettings } from '@common/printing/print-settings';
import { destinationText } from '@common/printing/address-division';
import { buildWaybillLabel, type WaybillLabelData } from '@common/printing/waybill-label';
import type { PrintLogRepo } from './print-log-repo';
import type { QrSigner } from './qr-signer';
import type { VerifyIssuer } from './verify-issuer';
import { toWaybillView } from './waybill-views';
import type { WaybillRepo } from './waybill-repo';
import { visibleCase } from '../cases/case-access';
import { documentNumberOf } from '@common/cases/document-number';
import type { PrintedSignatures } from '@common/signatures/views';

/** What the clerk asks to print. */
export interface DocumentRequest {
  caseId: string;
  kind: DocumentKind;
  format: PrintFormat;
  waybillNo?: string | undefined;
}

/** Who is asking: helpers may print only the cases they filed. */
export interface Viewer {
  id: number;
  role: 'clerk' | 'helper' | 'supervisor' | 'admin';
}

/** A document ready to render, with what the print log records about it. */
export type ResolvedDocument = {
  documentNo: string;
  documentRef: string;
  caseId: string;
  businessDate: string;
  copy: number;
} & (
  | {
      model: 'notice';
      data: NoticeData;
      /** the QR code's 扫码核验 token; null = offline TB1 code */ verifyToken: string | null;
    }
  | { model: 'waybill'; data: WaybillLabelData }
);

const OUTCOME_OF: Record<Exclude<DocumentKind, 'waybill'>, CaseDetail['outcome']> = {
  'acceptance-receipt': 'accepted',
  'incomplete-notice': 'incomplete',
  'rejection-notice': 'rejected',
  'material-transfer': 'accepted',
  'power-of-attorney': 'accepted',
};

/** Dependencies of CaseDocuments. */
export interface CaseDocumentsDeps {
  caseQueries: CaseQueries;
  catalogue: Pick<CatalogueService, 'divisionName' | 'at'>;
  waybills: WaybillRepo;
  printLog: PrintLogRepo;
  qr: QrSigner;
  calendar: HolidayCalendar;
  hall: () => Hall;
  settings: () => PrintSettings;
  /** 培训模式: the shipped placeholder 好差评 address may be printed (as a sample). */
  isTrainingMode: () => boolean;
  /** 电子签名 of a case (src-main/signatures); none when not wired. */
  signatures?: (caseId: string) => PrintedSignatures;
  /** 扫码核验: signs the QR codes' verification addresses (null = not enrolled: the offline TB1 code). */
  verifyIssuer?: () => VerifyIssuer | null;
}

/** Resolves print requests into document models. */
export class CaseDocuments {
  constructor(private readonly d: CaseDocumentsDeps) {}

  /** The case as the viewer may see it, or not-found. */
  caseFor(caseId: string, viewer: Viewer): CaseDetail {
    return visibleCase(viewer, this.d.caseQueries.get(caseId), (c) => c.clerkId);
  }

  /** Names of a division and its parents, e.g. ['四川省', '成都市', '锦江区']. */
  private divisionNames(code: string): string[] {
    const codes = [`${code.slice(0, 2)}0000`, `${code.slice(0, 4)}00`, code].filter(
      (c, i, all) => all.indexOf(c) === i,
    );
    const names = codes.map((c) => this.d.catalogue.divisionName(c)).filter((n): n is string => !!n);
    return names.filter((n, i) => names.indexOf(n) === i);
  }

  /** 大头笔: province and city of a division code, e.g. '四川省 成都市', '重庆市 万州区'. */
  destinationOf(divisionCode: string | null): string {
    return divisionCode ? destinationText(this.divisionNames(divisionCode)) : '';
  }

  /** `onScreen`: an HTML preview in the app (placeholders allowed there; it is not handed to anyone). */
  resolve(req: DocumentRequest, viewer: Viewer, onScreen = false): ResolvedDocument {
    if (!DOCUMENT_FORMATS[req.kind].includes(req.format)) {
      throw new AppError('invalid-input', `${req.kind} is not printed as ${req.format}`, {
        fields: [{ path: 'format', code: 'format-not-available' }],
      });
    }
    const detail = this.caseFor(req.caseId, viewer);
    const hall = this.d.hall();
    const settings = this.d.settings();
    if (req.kind === 'waybill') {
      const stored = req.waybillNo ? this.d.waybills.get(req.waybillNo.toUpperCase()) : null;
      if (!stored || stored.caseId !== req.caseId)
        throw new AppError('not-found', 'no such waybill for this case', {
          fields: [{ path: 'waybillNo', code: 'waybill-unknown' }],
        });
      const copy = this.d.printLog.nextCopy(req.caseId, 'waybill', stored.waybillNo, req.format);
      const division =
        stored.recipient.divisionCode ??
        (stored.direction === 'materials-to-locality' ? detail.localityDivision : null);
      const data = buildWaybillLabel(stored, {
        caseRef: documentNumberOf(detail),
        destination: this.destinationOf(division),
        copy,
      });
      return {
        model: 'waybill',
        data,
        documentNo: stored.waybillNo,
        documentRef: stored.waybillNo,
        caseId: req.caseId,
        businessDate: detail.businessDate,
        copy,
      };
    }
    if (detail.outcome !== OUTCOME_OF[req.kind]) {
      throw new AppError('document-not-applicable', `a ${detail.outcome} case has no ${req.kind}`, {
        outcome: detail.outcome,
        kind: req.kind,
      });
    }
    // Every notice but the transfer sheet carries the 好差评 code: a placeholder address would send
    // applicants nowhere, so it is printed only in 培训模式 (上线检查 names it).
    if (req.kind === 'power-of-attorney' && detail.mode !== 'proxy')
      throw new AppError('document-not-applicable', 'only a 代办 case has a 授权委托书', {
        outcome: detail.outcome,
        kind: req.kind,
      });
    const noRating = req.kind === 'material-transfer' || req.kind === 'power-of-attorney';
    const placeholder = !noRating && isPlaceholderUrl(settings.documents.ratingUrl);
    if (placeholder && !onScreen && !this.d.isTrainingMode())
      throw new AppError('placeholder-not-printable', 'the 好差评 address is a placeholder', {
        reason: 'rating-url',
      });
    const copy = this.d.printLog.nextCopy(req.caseId, req.kind, '', req.format);
    const documentNo = (
      req.kind === 'acceptance-receipt' || req.kind === 'material-transfer' || req.kind === 'power-of-attorney'
        ? detail.receiptNo
        : detail.noticeNo
    ) as string;
    // A case is printed as the catalogue version it was filed under says, whatever was applied since.
    const filed = this.d.catalogue.at(detail.catalogueVersion);
    const issuer = this.d.verifyIssuer?.() ?? null;
    const verify = issuer && { base: issuer.base, token: issuer.token(documentNo) };
    const route = filed.route(detail.matterCode, detail.localityDivision);
    const data: NoticeData = buildNoticeData(detail, {
      kind: req.kind,
      hall,
      hallAddress: settings.documents.hallAddress,
      hallPhone: settings.documents.hallPhone,
      hotline: settings.documents.hotline,
      matter: filed.findMatter(detail.matterCode),
      localityName: this.divisionNames(detail.localityDivision).join(''),
      channel: route?.channel ?? null,
      department: route?.department ?? null,
      calendar: this.d.calendar,
      waybills: this.d.waybills.listByCase(req.caseId).map(toWaybillView),
      copy,
      caseQr: this.d.qr.payload(documentNo, req.caseId, verify),
      // 网络送达: the receipt carries the 取件码 the applicant fetches the department's result with.
      pickupCode:
        verify && req.kind === 'acceptance-receipt' && detail.application.delivery === 'online'
          ? this.d.qr.pickupCode(documentNo)
          : null,
      ratingUrl: ratingUrlFor(settings.documents.ratingUrl, hall.windowCode, documentNo),
    });
    if (this.d.signatures) data.signatures = this.d.signatures(req.caseId);
    return {
      model: 'notice',
      data,
      verifyToken: verify ? verify.token : null,
      documentNo,
      documentRef: '',
      caseId: req.caseId,
      businessDate: detail.businessDate,
      copy,
    };
  }
}
