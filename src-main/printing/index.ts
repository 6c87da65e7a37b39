// The printing services, wired once: documents, printers, waybills, the signed QR code.
import type Database from 'better-sqlite3-multiple-ciphers';
import { join } from 'node:path';
import type { AuditLog } from '../audit/audit-log';
import type { CaseQueries } from '../cases/case-query';
import type { CasesRepo } from '../cases/cases-repo';
import type { CatalogueService } from '../catalogue/catalogue-service';
import type { Hall } from '@common/hall';
import type { HolidayCalendar } from '@common/printing/holiday-data';
import { SettingsRepo } from '../settings/settings-repo';
import { CaseDocuments, type CaseDocumentsDeps } from './case-documents';
import type { ChromiumPrinter } from './drivers/chromium';
import { PlaywrightChromium } from './drivers/playwright-chromium';
import type { TcpOptions } from './drivers/tcp-printer';
import { loadHolidayCalendar } from './holiday-calendar';
import { PrinterOutput } from './output';
import { PrintLogRepo } from './print-log-repo';
import { PrintService } from './print-service';
import { PrintSettingsRepo } from './print-settings-repo';
import { PrinterService } from './printer-service';
import { QrSigner } from './qr-signer';
import { SealService } from './seal-service';
import { IssuedDocuments } from './issued-documents';
import type { VerifyIssuer } from './verify-issuer';
import { DocumentRenderer } from './renderer';
import { WaybillRepo } from './waybill-repo';
import { WaybillService } from './waybill-service';
import { watermarkedChromium } from './watermark';

export type { ChromiumPrinter, HtmlJob } from './drivers/chromium';

/** What the printing services need from the rest of the app. */
export interface PrintingDeps {
  db: Database.Database;
  audit: AuditLog;
  caseQueries: CaseQueries;
  cases: CasesRepo;
  catalogue: CatalogueService;
  hall: () => Hall;
  resourcesDir: string;
  dataDir: string;
  now: () => Date;
  /** 培训模式: placeholder addresses (the 好差评 QR) may be printed. */
  isTrainingMode?: () => boolean;
  /** Electron passes its hidden-window printer; otherwise a headless Chromium is launched on first use. */
  chromium?: ChromiumPrinter;
  tcp?: TcpOptions;
  /** 培训模式: the watermark every printed document carries (null in live use). */
  watermark?: string | null;
  /** 电子签名 printed on the receipt and the 授权委托书. */
  signatures?: CaseDocumentsDeps['signatures'];
  /** 扫码核验: signs verification addresses for QR codes; null = not enrolled (offline TB1 code). */
  verifyIssuer?: () => VerifyIssuer | null;
}

/** The printing services. */
export interface Printing {
  print: PrintService;
  /** Resolves print requests into document models (also used by the benchmarks). */
  documents: CaseDocuments;
  printers: PrinterService;
  waybills: WaybillService;
  qr: QrSigner;
  /** 电子印章: the certificate that signs A4 documents. */
  seal: SealService;
  calendar: HolidayCalendar;
  renderer: DocumentRenderer;
  chromium: () => ChromiumPrinter;
  /** Closes the Chromium used for printing (if one was started). */
  close(): Promise<void>;
}

/** Builds the printing services; Chromium starts only when a PDF or system print is first needed. */
export function createPrinting(deps: PrintingDeps): Printing {
  const calendar = loadHolidayCalendar(deps.resourcesDir);
  let chromium: ChromiumPrinter | null = deps.chromium ?? null;
  const watermark = deps.watermark ?? null;
  const getChromium = () => {
    const c = (chromium ??= new PlaywrightChromium({ resourcesDir: deps.resourcesDir }));
    return watermark ? watermarkedChromium(c, watermark) : c;
  };
  const settingsRepo = new PrintSettingsRepo(deps.db);
  const settings = () => settingsRepo.get(deps.hall().windowCode);
  const printLog = new PrintLogRepo(deps.db);
  const waybillRepo = new WaybillRepo(deps.db);
  const settingsKv = new SettingsRepo(deps.db);
  const qr = new QrSigner(settingsKv);
  const seal = new SealService({
    settings: settingsKv,
    audit: deps.audit,
    holder: () => deps.hall().name,
    location: () => deps.hall().windowCode,
    now: deps.now,
  });
  const renderer = new DocumentRenderer(deps.resourcesDir, watermark);
  const pdfDir = join(deps.dataDir, 'printed');
  const output = new PrinterOutput({ chromium: getChromium, pdfDir, ...(deps.tcp ? { tcp: deps.tcp } : {}) });
  const documents = new CaseDocuments({
    caseQueries: deps.caseQueries,
    catalogue: deps.catalogue,
    waybills: waybillRepo,
    printLog,
    qr,
    calendar,
    hall: deps.hall,
    settings,
    isTrainingMode: deps.isTrainingMode ?? (() => false),
    ...(deps.signatures ? { signatures: deps.signatures } : {}),
    ...(deps.verifyIssuer ? { verifyIssuer: deps.verifyIssuer } : {}),
  });
  return {
    documents,
    print: new PrintService({
      documents,
      renderer,
      output,
      printLog,
      audit: deps.audit,
      chromium: getChromium,
      settings,
      seal,
      now: deps.now,
      issued: new IssuedDocuments(deps.db, qr),
    }),
    printers: new PrinterService({
      repo: settingsRepo,
      hall: deps.hall,
      audit: deps.audit,
      renderer,
      output,
      chromium: getChromium,
      pdfDir,
      now: deps.now,
      ...(deps.tcp ? { tcp: deps.tcp } : {}),
    }),
    waybills: new WaybillService({
      db: deps.db,
      repo: waybillRepo,
      cases: deps.cases,
      audit: deps.audit,
      hall: deps.hall,
      settings,
      divisions: () => deps.catalogue.divisionsView(),
      now: deps.now,
    }),
    qr,
    seal,
    calendar,
    renderer,
    chromium: getChromium,
    close: async () => {
      const c = chromium;
      chromium = deps.chromium ?? null;
      await c?.close();
    },
  };
}
