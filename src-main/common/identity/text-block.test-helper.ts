// Test support: builds 256-byte text blocks from the §7.1 layouts, as a card chip would hold them.
import { LONG_TERM, type CardDocType, type CardRead } from './card';
import { LAYOUTS, TEXT_BLOCK_BYTES, TYPE_FLAG_OFFSET, type FieldSpan } from './text-block';

const FLAG: Record<CardDocType, string> = {
  'resident-id': ' ',
  'hk-mo-tw-residence': 'J',
  'foreign-permanent-2017': 'I',
  'foreign-permanent-2023': 'Y',
};

function write(block: Uint8Array, [offset, length]: FieldSpan, text: string): void {
  if (text.length * 2 > length) throw new RangeError(`"${text}" does not fit ${length} bytes`);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    block[offset + i * 2] = code & 0xff;
    block[offset + i * 2 + 1] = code >> 8;
  }
}

/**
 * A text block with the given raw field values (as on the chip: sex '1'/'2', dates YYYYMMDD, 长期 …),
 * padded with spaces (the usual) or NULs, with the card type flag set.
 */
export function encodeTextBlock(
  docType: CardDocType,
  fields: Record<string, string>,
  pad: 'space' | 'nul' = 'space',
): Uint8Array {
  const block = new Uint8Array(TEXT_BLOCK_BYTES);
  if (pad === 'space') for (let i = 0; i < TEXT_BLOCK_BYTES; i += 2) block[i] = 0x20;
  const layout = LAYOUTS[docType] as Record<string, FieldSpan>;
  for (const [field, value] of Object.entries(fields)) {
    const span = layout[field];
    if (!span) throw new RangeError(`${docType} has no field ${field}`);
    write(block, span, value);
  }
  if (docType !== 'resident-id') write(block, [TYPE_FLAG_OFFSET, 2], FLAG[docType]);
  return block;
}

const compact = (iso: string) => iso.replace(/-/g, '');

/** The raw chip fields of a normalised card (the inverse of the parser, for round-trip tests and fakes). */
export function rawFieldsOf(card: CardRead): Record<string, string> {
  const common: Record<string, string> = {
    sex: card.sex === 'M' ? '1' : '2',
    birthDate: compact(card.birthDate),
    idNumber: card.idNumber,
    validFrom: compact(card.validFrom),
    validTo: card.validTo === LONG_TERM ? '长期' : compact(card.validTo),
  };
  const opt = (key: string, value: string | number | undefined) =>
    value === undefined ? {} : { [key]: String(value) };
  switch (card.docType) {
    case 'resident-id':
      return {
        ...common,
        name: card.name,
        ethnicity: card.ethnicity?.code ?? '',
        ...opt('address', card.address),
        ...opt('issuer', card.issuer),
      };
    case 'hk-mo-tw-residence':
      return {
        ...common,
        name: card.name,
        ...opt('address', card.address),
        ...opt('issuer', card.issuer),
        ...opt('passNo', card.passNo),
        ...opt('issueCount', card.issueCount === undefined ? undefined : String(card.issueCount).padStart(2, '0')),
      };
    case 'foreign-permanent-2017':
      return {
        ...common,
        name: card.name === card.nameEn ? '' : card.name,
        ...opt('nameEn', card.nameEn),
        ...opt('nationality', card.nationality),
      };
    case 'foreign-permanent-2023': {
      const en = card.nameEn ?? '';
      return {
        ...common,
        name: card.name === card.nameEn ? '' : card.name,
        nameEn: en.slice(0, 35),
        nameEnMore: en.slice(35),
        ...opt('nationality', card.nationality),
        ...opt('issueCount', card.issueCount === undefined ? undefined : String(card.issueCount).padStart(2, '0')),
      };
    }
  }
}

/** The text block a chip holding this card returns. */
export function encodeCard(card: CardRead, pad: 'space' | 'nul' = 'space'): Uint8Array {
  return encodeTextBlock(card.docType, rawFieldsOf(card), pad);
}
