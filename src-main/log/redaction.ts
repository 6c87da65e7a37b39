// What the logger hides before a line reaches the disk (domain-facts §8: no personal data in logs).
// Two layers: pino's `redact` masks fields known to hold personal data wherever a caller puts them
// (names cannot be recognised in free text), and the whole serialised line — message, values,
// error messages and stacks — then passes through redactPersonalData, which masks anything shaped
// like an ID number or a mobile number.
import type { redactOptions } from 'pino';
import { maskIdNumber, maskName, maskPhone, redactPersonalData } from '@tongban/protocol/validators/masking';

const ID_FIELDS = ['idNumber', 'certNo', 'documentNumber'];
const PHONE_FIELDS = ['phone', 'mobile', 'contactPhone', 'agentPhone'];
// 'name' only at the top level: one level down it is also an error's class name.
const NAME_FIELDS = ['fullName', 'applicantName', 'agentName', 'contactName'];
const HIDDEN_FIELDS = ['address', 'birthDate', 'password', 'pin', 'secret', 'privateKey'];

const HIDDEN = '[已隐去]';

const nested = (fields: string[]) => fields.flatMap((f) => [f, `*.${f}`]);

/** pino's redaction paths (top level and one level down) and the mask used for each kind of field. */
export const REDACT_PATHS: string[] = [
  'name',
  ...nested(ID_FIELDS),
  ...nested(PHONE_FIELDS),
  ...nested(NAME_FIELDS),
  ...nested(HIDDEN_FIELDS),
];

function censor(value: unknown, path: string[]): unknown {
  if (value === null || value === undefined || typeof value === 'boolean') return value;
  const key = path[path.length - 1] ?? '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (ID_FIELDS.includes(key)) return maskIdNumber(text);
  if (PHONE_FIELDS.includes(key)) return maskPhone(text);
  if (key === 'name' || NAME_FIELDS.includes(key)) return maskName(text);
  return HIDDEN;
}

/** pino `redact` options: masked like the screens mask them (ID 4+4, phone 3+4, name first and last). */
export const REDACT: redactOptions = { paths: REDACT_PATHS, censor };

/** Applied to every serialised line just before it is written (pino's `hooks.streamWrite`). */
export const scrubLine = (line: string): string => redactPersonalData(line);
