// 操作指南 (issue #17): a matter's guide for the window, built only from the catalogue. Every
// section names the catalogue elements it rests on; a section resting on an element the catalogue
// has not verified says 以办理地部门告知为准, as the catalogue's verified flags require.
import type { Matter } from '@tongban/protocol/catalogue/schema';
import { acceptanceModeOf } from '@tongban/protocol/catalogue/schema';

/** What a section says when an element it rests on is not verified against the 实施清单. */
export const UNVERIFIED_NOTE = '以办理地部门告知为准';

/** One section of the guide. */
export interface GuideSection {
  key: 'who' | 'situations' | 'materials' | 'incomplete' | 'originals' | 'time' | 'fee' | 'delivery';
  title: string;
  /** Lines in order; a line starting with '· ' is an item under the line before it. */
  lines: string[];
  /** True when an element this section rests on is not verified. */
  unverified: boolean;
}

/** The 操作指南 of one matter. */
export interface MatterGuide {
  matterCode: string;
  matterName: string;
  department: string;
  acceptanceMode: string;
  catalogueVersion: string;
  verified: boolean;
  verificationNote: string | null;
  sections: GuideSection[];
}

type Element = NonNullable<Matter['unverifiedElements']>[number];

const KINDS: Record<string, string> = {
  'natural-person': '自然人',
  'legal-person': '法人',
  'other-organisation': '非法人组织',
};
const FORMS: Record<string, string> = {
  original: '原件',
  copy: '复印件',
  electronic: '电子材料',
  'original-or-electronic': '原件或电子材料',
};
const REQUIREMENTS: Record<string, string> = { required: '必需', conditional: '视情形', optional: '可选' };
const DELIVERY: Record<string, string> = { window: '窗口领取', ems: 'EMS 邮寄送达' };

/** Whether an element is unverified: an unverified matter without a list leaves every element unverified. */
function unverifiedOf(matter: Matter): (element: Element) => boolean {
  if (matter.verified) return () => false;
  const listed = matter.unverifiedElements;
  return (element) => (listed ? listed.includes(element) : true);
}

function section(
  key: GuideSection['key'],
  title: string,
  lines: string[],
  elements: Element[],
  isUnverified: (e: Element) => boolean,
): GuideSection {
  return { key, title, lines, unverified: elements.some(isUnverified) };
}

/** Builds the guide of a matter from its catalogue entry. */
export function matterGuide(matter: Matter, catalogueVersion: string): MatterGuide {
  const u = unverifiedOf(matter);
  const agency = matter.agency.inPersonOnly
    ? '须本人到场办理，不可委托代办'
    : matter.agency.agentAllowed
      ? '可本人办理，也可委托他人代办（代办人持授权委托书和本人身份证件）'
      : '须本人申请';
  const who = [
    `服务对象：${matter.applicantKinds.map((k) => KINDS[k] ?? k).join('、')}`,
    ...(matter.conditions?.length ? ['申请条件：', ...matter.conditions.map((c) => `· ${c}`)] : []),
    `本人或代办：${agency}`,
    ...(matter.agency.note ? [`· ${matter.agency.note}`] : []),
  ];
  const situations = matter.situations.flatMap((s) => [s.name, ...(s.description ? [`· ${s.description}`] : [])]);
  const materials = matter.situations.flatMap((s) => [
    `【${s.name}】`,
    ...s.materials.map(
      (m) =>
        `· ${m.name}（${FORMS[m.form] ?? m.form} ${m.copies} 份，${REQUIREMENTS[m.requirement] ?? m.requirement}${
          m.condition ? `：${m.condition}` : ''
        }）`,
    ),
  ]);
  const seen = new Set<string>();
  const incomplete: string[] = [];
  for (const s of matter.situations)
    for (const m of s.materials) {
      if (m.requirement === 'optional' || seen.has(m.code)) continue;
      seen.add(m.code);
      incomplete.push(
        m.requirement === 'conditional' && m.condition
          ? `· ${m.condition}，未提供${m.name}`
          : `· 未带${m.name}${m.form === 'original' ? '原件' : ''}`,
      );
    }
  incomplete.push('· 证件已过期或与参保/登记所用证件不一致', '· 代办时缺少授权委托书或代办人身份证件');
  const originals = [
    ...new Set(
      matter.situations.flatMap((s) =>
        s.materials
          .filter((m) => m.form === 'original' || m.form === 'original-or-electronic')
          .map(
            (m) =>
              `· ${m.name}：${m.mailOriginalToLocality ? '原件随案寄送业务属地部门（材料流转单登记）' : '窗口核验原件后当场退还'}`,
          ),
      ),
    ),
  ];
  const time = [
    `承诺时限：${matter.promisedDays} 个工作日（自业务属地部门受理之日起）`,
    ...(matter.statutoryDays !== undefined ? [`法定时限：${matter.statutoryDays} 个工作日`] : []),
    ...matter.situations
      .filter((s) => s.promisedDays !== undefined)
      .map((s) => `· ${s.name}：${s.promisedDays} 个工作日`),
  ];
  return {
    matterCode: matter.code,
    matterName: matter.name,
    department: matter.department,
    acceptanceMode: acceptanceModeOf(matter),
    catalogueVersion,
    verified: matter.verified,
    verificationNote: matter.verificationNote ?? null,
    sections: [
      section('who', '谁可以申请', who, ['applicantKinds', 'conditions', 'agency'], u),
      section('situations', '办理情形', situations, ['situations'], u),
      section('materials', '申请材料', materials, ['materials'], u),
      section('incomplete', '常见一次性告知原因', incomplete, ['materials'], u),
      section('originals', '原件去向', originals.length ? originals : ['本事项无须提交原件'], ['materials'], u),
      section('time', '办理时限', time, ['promisedDays', 'statutoryDays'], u),
      section('fee', '收费', [matter.fee.description], ['fee'], u),
      section(
        'delivery',
        '结果送达',
        matter.delivery.map((d) => DELIVERY[d] ?? d),
        ['delivery', 'issuance'],
        u,
      ),
    ],
  };
}
