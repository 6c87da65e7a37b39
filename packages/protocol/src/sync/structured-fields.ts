// The part of RFC 8941 (Structured Field Values) that RFC 9421 signatures need: a Dictionary whose members
// are Inner Lists of Strings (Signature-Input) or Byte Sequences (Signature), each with Parameters. Each
// member keeps its value's text as received, because `@signature-params` is that text.

/** A bare item: sf-integer, sf-string, sf-token, sf-boolean or sf-binary (base64, kept as text). */
export type BareItem =
  | { type: 'integer'; value: number }
  | { type: 'string'; value: string }
  | { type: 'token'; value: string }
  | { type: 'boolean'; value: boolean }
  | { type: 'binary'; value: string };

/** An item or inner-list member with its parameters (in received order). */
export interface ParameterisedItem {
  item: BareItem;
  params: [string, BareItem][];
}

/** One dictionary member: an item or an inner list, its parameters, and its value's text as received. */
export interface DictionaryMember {
  key: string;
  value: BareItem | ParameterisedItem[];
  params: [string, BareItem][];
  raw: string;
}

class Cursor {
  pos = 0;
  constructor(readonly text: string) {}
  peek(): string {
    return this.text[this.pos] ?? '';
  }
  eat(re: RegExp): string | null {
    re.lastIndex = this.pos;
    const m = re.exec(this.text);
    if (!m || m.index !== this.pos) return null;
    this.pos += m[0].length;
    return m[0];
  }
  spaces(): void {
    this.eat(/[ \t]*/y);
  }
}

const KEY = /[a-z*][a-z0-9_.*-]*/y;

function bareItem(c: Cursor): BareItem | null {
  const ch = c.peek();
  if (ch === '"') {
    const s = c.eat(/"(?:[\x20\x21\x23-\x5b\x5d-\x7e]|\\["\\])*"/y);
    return s === null ? null : { type: 'string', value: s.slice(1, -1).replace(/\\(["\\])/g, '$1') };
  }
  if (ch === ':') {
    const b = c.eat(/:[A-Za-z0-9+/=]*:/y);
    return b === null ? null : { type: 'binary', value: b.slice(1, -1) };
  }
  if (ch === '?') {
    const b = c.eat(/\?[01]/y);
    return b === null ? null : { type: 'boolean', value: b === '?1' };
  }
  const n = c.eat(/-?\d{1,15}(?![.\d])/y);
  if (n !== null) return { type: 'integer', value: Number(n) };
  const t = c.eat(/[A-Za-z*][A-Za-z0-9!#$%&'*+\-.^_`|~:/]*/y);
  return t === null ? null : { type: 'token', value: t };
}

function parameters(c: Cursor): [string, BareItem][] | null {
  const params: [string, BareItem][] = [];
  while (c.peek() === ';') {
    c.pos += 1;
    c.spaces();
    const key = c.eat(KEY);
    if (key === null) return null;
    let value: BareItem | null = { type: 'boolean', value: true };
    if (c.peek() === '=') {
      c.pos += 1;
      value = bareItem(c);
      if (value === null) return null;
    }
    params.push([key, value]);
  }
  return params;
}

function innerList(c: Cursor): ParameterisedItem[] | null {
  c.pos += 1; // (
  const items: ParameterisedItem[] = [];
  for (;;) {
    c.spaces();
    if (c.peek() === ')') {
      c.pos += 1;
      return items;
    }
    if (items.length > 0 && !/[ \t]/.test(c.text[c.pos - 1] ?? '')) return null;
    const item = bareItem(c);
    const params = item && parameters(c);
    if (!item || !params) return null;
    items.push({ item, params });
  }
}

/** Parses a Dictionary header value; null when it is not well-formed. Later duplicate keys win (RFC 8941 §4.2.2). */
export function parseDictionary(text: string): Map<string, DictionaryMember> | null {
  const c = new Cursor(text);
  const out = new Map<string, DictionaryMember>();
  c.spaces();
  if (c.pos === text.length) return out;
  for (;;) {
    const key = c.eat(KEY);
    if (key === null) return null;
    let value: BareItem | ParameterisedItem[] | null = { type: 'boolean', value: true };
    const start = c.pos + 1;
    if (c.peek() === '=') {
      c.pos += 1;
      value = c.peek() === '(' ? innerList(c) : bareItem(c);
    }
    const params = value && parameters(c);
    if (!value || !params) return null;
    out.set(key, { key, value, params, raw: text.slice(start, c.pos) });
    c.spaces();
    if (c.pos === text.length) return out;
    if (c.peek() !== ',') return null;
    c.pos += 1;
    c.spaces();
    if (c.pos === text.length) return null;
  }
}
