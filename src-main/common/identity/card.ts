import { z } from 'zod';
import type { IdType } from '@tongban/protocol/cases/application';

/** Cards a second-generation ID reader can read (domain-facts §7.1): the type flag of the 256-byte text block. */
export const CARD_DOC_TYPES = [
  'resident-id',
  'hk-mo-tw-residence',
  'foreign-permanent-2017',
  'foreign-permanent-2023',
] as const;
/** A chip card type. */
export type CardDocType = (typeof CARD_DOC_TYPES)[number];

/** Chinese names of the chip card types. */
export const CARD_DOC_TYPE_LABELS_ZH: Record<CardDocType, string> = {
  'resident-id': '居民身份证',
  'hk-mo-tw-residence': '港澳台居民居住证',
  'foreign-permanent-2017': '外国人永久居留身份证（2017版）',
  'foreign-permanent-2023': '外国人永久居留身份证（2023版）',
};

/** The application's identity document type for a chip card type. */
export function idTypeOfCard(docType: CardDocType): IdType {
  return docType === 'foreign-permanent-2017' || docType === 'foreign-permanent-2023' ? 'foreign-permanent' : docType;
}

/** Validity end written on the card as 长期. */
export const LONG_TERM = 'long-term';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date-format');

/** Media types a chip or vendor photo may come in (the WLT block itself is never exposed). */
export const PHOTO_MEDIA_TYPES = ['image/png', 'image/jpeg', 'image/bmp'] as const;

/** The one normalised record every reader driver returns (domain-facts §7.1). */
export const cardReadSchema = z
  .object({
    docType: z.enum(CARD_DOC_TYPES),
    /** Chinese name (for foreign cards the Chinese name when there is one, else the English name). */
    name: z.string().min(1).max(60),
    nameEn: z.string().min(1).max(120).optional(),
    sex: z.enum(['M', 'F']),
    /** GB 3304 code and name; resident ID cards only. */
    ethnicity: z
      .object({ code: z.string().regex(/^\d{2}$/), name: z.string().min(1).max(20) })
      .strict()
      .optional(),
    /** Nationality code as on the chip: ISO 3166-1 alpha-3 (2017 card) or numeric (2023 card). */
    nationality: z
      .string()
      .regex(/^[A-Z0-9]{3}$/)
      .optional(),
    birthDate: isoDate,
    address: z.string().min(1).max(80).optional(),
    idNumber: z.string().regex(/^[0-9A-Z]{15,18}$/),
    issuer: z.string().min(1).max(40).optional(),
    validFrom: isoDate,
    validTo: z.union([isoDate, z.literal(LONG_TERM)]),
    /** 港澳台居民居住证: the 通行证 number and how many times it was issued. */
    passNo: z.string().min(1).max(12).optional(),
    issueCount: z.number().int().min(0).max(99).optional(),
    /** Decoded photo; absent when no licensed WLT decoder is installed (the UI then says the chip photo is unavailable). */
    photo: z
      .object({ mediaType: z.enum(PHOTO_MEDIA_TYPES), base64: z.base64().max(400_000) })
      .strict()
      .optional(),
  })
  .strict();

/** A card as read from its chip, normalised across card types and drivers. */
export type CardRead = z.infer<typeof cardReadSchema>;

/** The media type of an image judged by its leading bytes, or null. */
export function sniffPhotoType(bytes: Uint8Array): (typeof PHOTO_MEDIA_TYPES)[number] | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x42, 0x4d)) return 'image/bmp';
  return null;
}
