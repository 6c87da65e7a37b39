import { z } from 'zod';
import { CARD_DOC_TYPES } from './card';

/** Reader drivers: none (manual verification only), simulated (training, tests), vendor local HTTP service, sdtapi library. */
export const READER_DRIVERS = ['none', 'simulated', 'http', 'sdtapi'] as const;
/** A reader driver kind. */
export type ReaderDriverKind = (typeof READER_DRIVERS)[number];

/** Normalised card fields a vendor JSON answer can be mapped from. */
export const HTTP_MAPPED_FIELDS = [
  'docType',
  'name',
  'nameEn',
  'sex',
  'ethnicity',
  'nationality',
  'birthDate',
  'address',
  'idNumber',
  'issuer',
  'validFrom',
  'validTo',
  'passNo',
  'issueCount',
  'photo',
] as const;

/** A JSON path into the vendor's answer: dot-separated keys with optional [n] indexes, e.g. `data.list[0].name`. */
export const jsonPathSchema = z
  .string()
  .trim()
  .max(100, 'too-long')
  .regex(/^[A-Za-z_$][\w$-]*(\[\d+\])*(\.[A-Za-z_$][\w$-]*(\[\d+\])*)*$/, 'json-path-format');

const path = jsonPathSchema;
/** Where each normalised field is in the vendor's JSON; the six a card always has are required. */
export const httpMappingSchema = z
  .object({
    name: path,
    sex: path,
    birthDate: path,
    idNumber: path,
    validFrom: path,
    validTo: path,
    docType: path.optional(),
    nameEn: path.optional(),
    ethnicity: path.optional(),
    nationality: path.optional(),
    address: path.optional(),
    issuer: path.optional(),
    passNo: path.optional(),
    issueCount: path.optional(),
    photo: path.optional(),
  })
  .strict();
/** A vendor field mapping. */
export type HttpMapping = z.infer<typeof httpMappingSchema>;

/** The mapping of the common vendor service answer {certType, name, sex, nation, birthday, address, idCode, department, startDate, endDate, Photo} (§7.2). */
export const DEFAULT_HTTP_MAPPING: HttpMapping = {
  docType: 'certType',
  name: 'name',
  sex: 'sex',
  ethnicity: 'nation',
  birthDate: 'birthday',
  address: 'address',
  idNumber: 'idCode',
  issuer: 'department',
  validFrom: 'startDate',
  validTo: 'endDate',
  photo: 'Photo',
};

// The vendor service must sit on this PC (domain-facts §7.2, §8: reader services on loopback only).
const LOOPBACK_URL = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?(\/[^\s]*)?$/;
const code = z.string().trim().max(20, 'too-long');

/** Settings of the vendor local web service driver. */
export const httpReaderSettingsSchema = z
  .object({
    url: z.string().trim().max(200, 'too-long').regex(LOOPBACK_URL, 'reader-url-not-loopback'),
    method: z.enum(['GET', 'POST']),
    /** Request body sent with POST (often empty or `{}`). */
    body: z.string().max(2000, 'too-long'),
    timeoutMs: z.number().int().min(500).max(30_000),
    mapping: httpMappingSchema,
    /** Where the vendor's result code is ('' when the service has none: any JSON answer is a card). */
    resultCodePath: z.union([z.literal(''), jsonPathSchema]),
    /** Result codes meaning success, and meaning that no card is on the reader. */
    okCodes: z.array(code).max(10),
    noCardCodes: z.array(code).max(10),
    /** Vendor values of the card type field, by normalised type; unmapped values fall back to the number's pattern. */
    docTypeValues: z.record(z.string().max(20), z.enum(CARD_DOC_TYPES)),
  })
  .strict();

/** A port of the standard library: serial 1-16, USB 1001-1016, or 'auto' (USB first, then serial). */
export const sdtPortSchema = z.union([
  z.literal('auto'),
  z.number().int().min(1).max(16),
  z.number().int().min(1001).max(1016),
]);

/** Settings of the sdtapi driver (the standard reader library in a helper process). */
export const sdtapiReaderSettingsSchema = z
  .object({
    /** sdtapi.dll / libsdtapi.so, absolute path. */
    libraryPath: z.string().trim().max(260, 'too-long'),
    port: sdtPortSchema,
    timeoutMs: z.number().int().min(1000).max(30_000),
  })
  .strict();

/** Reader settings of this window. */
export const readerSettingsSchema = z
  .object({
    driver: z.enum(READER_DRIVERS),
    http: httpReaderSettingsSchema,
    sdtapi: sdtapiReaderSettingsSchema,
    /** Read as soon as a card is placed (polling), besides on the clerk's click. */
    polling: z.object({ enabled: z.boolean(), intervalMs: z.number().int().min(300).max(10_000) }).strict(),
  })
  .strict();
/** Reader settings. */
export type ReaderSettings = z.infer<typeof readerSettingsSchema>;

/**
 * Face-match threshold (cosine similarity). Default 0.66 from the labelled set (decision 0150): different
 * people scored at most 0.63, the same person at least 0.69. At 0.60 3 of 684 impostor pairs pass; above
 * 0.85 most real pairs fail.
 */
export const FACE_THRESHOLD_RANGE = { min: 0.6, max: 0.85, default: 0.66 } as const;

/** A face-match threshold an administrator may set: outside the safe range → `face-threshold-range`. */
export const faceThresholdSchema = z
  .number()
  .min(FACE_THRESHOLD_RANGE.min, 'face-threshold-range')
  .max(FACE_THRESHOLD_RANGE.max, 'face-threshold-range');

/** The face-match threshold in force. */
export function faceThreshold(settings: IdentitySettings): number {
  return settings.faceMatch?.threshold ?? FACE_THRESHOLD_RANGE.default;
}

/** Identity settings an administrator edits: the reader, how long chip data is kept, the ID mask. */
export const identitySettingsSchema = z
  .object({
    reader: readerSettingsSchema,
    /** Days after the case is delivered to the department before its chip data and photo are purged. */
    chipDataRetentionDays: z.number().int().min(0).max(90),
    /** Characters of an ID number left visible at each end (domain-facts §8: 4 and 4). */
    idMask: z.object({ head: z.number().int().min(0).max(6), tail: z.number().int().min(0).max(6) }).strict(),
    /** 人证比对: the similarity at or above which main counts a frame as the chip photo's person (absent: the default). */
    faceMatch: z.object({ threshold: faceThresholdSchema }).strict().optional(),
  })
  .strict();
/** Identity settings. */
export type IdentitySettings = z.infer<typeof identitySettingsSchema>;

/** What a new installation starts with: no reader (manual verification), polling off, chip data kept 3 days after delivery. */
export const DEFAULT_IDENTITY_SETTINGS: IdentitySettings = {
  reader: {
    driver: 'none',
    http: {
      url: 'http://127.0.0.1:8000/cgi-bin/readCard',
      method: 'POST',
      body: '',
      timeoutMs: 5000,
      mapping: DEFAULT_HTTP_MAPPING,
      resultCodePath: '',
      okCodes: [],
      noCardCodes: [],
      docTypeValues: {
        '': 'resident-id',
        J: 'hk-mo-tw-residence',
        I: 'foreign-permanent-2017',
        Y: 'foreign-permanent-2023',
      },
    },
    sdtapi: { libraryPath: '', port: 'auto', timeoutMs: 5000 },
    polling: { enabled: false, intervalMs: 1000 },
  },
  chipDataRetentionDays: 3,
  idMask: { head: 4, tail: 4 },
};
