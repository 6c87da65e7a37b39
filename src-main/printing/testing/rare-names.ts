// Test support: real rare characters (生僻字) from personal and place names, one or more per CJK block
// GB 18030-2022 requires, with what they are. Used by the PDF, export and receipt tests.

/** A rare character and where it comes from. */
export interface RareChar {
  char: string;
  block: string;
  note: string;
}

export const RARE_CHARS: readonly RareChar[] = [
  { char: '䶮', block: 'Ext A', note: 'yǎn, 南汉刘䶮之名（通用规范汉字表）' },
  { char: '𠮷', block: 'Ext B', note: 'jí, “吉”的异体，姓名常见（如 𠮷野）' },
  { char: '𠈌', block: 'Ext B', note: '人名用字' },
  { char: '𡒄', block: 'Ext B', note: '地名、人名用字' },
  { char: '𫖯', block: 'Ext C', note: 'fǔ, 赵孟𫖯（通用规范汉字表，Noto Sans SC 已收）' },
  { char: '𫟦', block: 'Ext D', note: 'Ext D 人名用字样本' },
  { char: '𬌗', block: 'Ext E', note: '通用规范汉字表' },
  { char: '𬍛', block: 'Ext E', note: '通用规范汉字表，人名用字' },
  { char: '𬺰', block: 'Ext F', note: 'Ext F 首字样本' },
  { char: '𰻞', block: 'Ext G', note: 'biáng, 𰻞𰻞面' },
  { char: '䶹', block: 'Ext A', note: 'Ext A 末行（Unicode 13 新增，Noto Sans SC 未收）' },
  { char: '𪚥', block: 'Ext B', note: 'zhé, 四龙' },
  { char: '𪜶', block: 'Ext C', note: 'yīn, 吴语“他们”' },
  { char: '𫝀', block: 'Ext D', note: 'Ext D 首字' },
  { char: '𫠠', block: 'Ext E', note: 'Ext E 首字' },
  { char: '𰾭', block: 'Ext G', note: 'Ext G 样本' },
];

/** The characters only, in order. */
export const RARE = RARE_CHARS.map((c) => c.char);

/**
 * An applicant's name, an agent's name, an address and a company name that use them all. Noto Sans SC
 * itself has the ones in 通用规范汉字表 (䶮 𫖯 𫟦 𬌗 𬍛 𰻞); the others come from the fallback.
 */
export const RARE_APPLICANT_NAME = '刘䶮𪚥𠮷';
export const RARE_AGENT_NAME = '赵孟𫖯';
export const RARE_ADDRESS = '重庆市万州区𠈌𡒄路𫟦巷1号𬌗𬍛苑𫠠𰾭2栋';
export const RARE_COMPANY = '重庆𬺰𰻞䶹𪜶𫝀建设有限公司';
