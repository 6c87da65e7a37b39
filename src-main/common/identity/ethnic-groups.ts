// GB 3304-91 民族名称的罗马字母拼写和代码: the 56 ethnic groups by their two-digit code, as the
// 民族 field of a resident ID card chip carries them. 97 and 98 are GB 3304's two extra codes.

/** GB 3304 code → Chinese name of the 56 ethnic groups. */
export const ETHNIC_GROUPS: Readonly<Record<string, string>> = {
  '01': '汉族',
  '02': '蒙古族',
  '03': '回族',
  '04': '藏族',
  '05': '维吾尔族',
  '06': '苗族',
  '07': '彝族',
  '08': '壮族',
  '09': '布依族',
  '10': '朝鲜族',
  '11': '满族',
  '12': '侗族',
  '13': '瑶族',
  '14': '白族',
  '15': '土家族',
  '16': '哈尼族',
  '17': '哈萨克族',
  '18': '傣族',
  '19': '黎族',
  '20': '傈僳族',
  '21': '佤族',
  '22': '畲族',
  '23': '高山族',
  '24': '拉祜族',
  '25': '水族',
  '26': '东乡族',
  '27': '纳西族',
  '28': '景颇族',
  '29': '柯尔克孜族',
  '30': '土族',
  '31': '达斡尔族',
  '32': '仫佬族',
  '33': '羌族',
  '34': '布朗族',
  '35': '撒拉族',
  '36': '毛南族',
  '37': '仡佬族',
  '38': '锡伯族',
  '39': '阿昌族',
  '40': '普米族',
  '41': '塔吉克族',
  '42': '怒族',
  '43': '乌孜别克族',
  '44': '俄罗斯族',
  '45': '鄂温克族',
  '46': '德昂族',
  '47': '保安族',
  '48': '裕固族',
  '49': '京族',
  '50': '塔塔尔族',
  '51': '独龙族',
  '52': '鄂伦春族',
  '53': '赫哲族',
  '54': '门巴族',
  '55': '珞巴族',
  '56': '基诺族',
};

/** GB 3304's codes outside the 56 groups. */
export const OTHER_ETHNIC_CODES: Readonly<Record<string, string>> = { '97': '其他', '98': '外国血统中国籍人士' };

/** An ethnic group as the normalised card carries it. */
export interface Ethnicity {
  code: string;
  name: string;
}

/**
 * Looks up an ethnic group by GB 3304 code ('1', '01') or by name with or without 族 ('汉', '汉族'),
 * as vendor services return either; null when unknown.
 */
export function findEthnicity(value: string): Ethnicity | null {
  const text = value.trim();
  if (/^\d{1,2}$/.test(text)) {
    const code = text.padStart(2, '0');
    const name = ETHNIC_GROUPS[code] ?? OTHER_ETHNIC_CODES[code];
    return name ? { code, name } : null;
  }
  if (!text) return null;
  for (const table of [ETHNIC_GROUPS, OTHER_ETHNIC_CODES]) {
    for (const [code, name] of Object.entries(table)) {
      if (name === text || name === `${text}族`) return { code, name };
    }
  }
  return null;
}
