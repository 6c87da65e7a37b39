// Seeded generator: fills a window database with many decided cases straight through SQL, in the
// real schema (not through acceptance, which the benchmark measures separately). Not committed data.
import type Database from 'better-sqlite3-multiple-ciphers';
import { formatReceiptNumber } from '@common/cases/receipt-number';
import { seededRandom } from '@tongban/protocol/seeded-random';
import { id18CheckChar } from '@tongban/protocol/validators';

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉建国建华志强永红春梅海燕';
const REGIONS = ['500101', '500102', '500103', '500228', '510104', '520102', '530102', '110105', '440305'];

const pick = <T>(r: () => number, list: ArrayLike<T>): T => list[Math.floor(r() * list.length)] as T;

/** Inserts `count` cases spread over the `days` days before `lastDay`, with valid ID numbers and receipt numbers. */
export function seedCases(
  db: Database.Database,
  opts: { count: number; days: number; lastDay: string; clerkId: number; windowCode: string; seed?: number },
): void {
  const r = seededRandom(opts.seed ?? 1);
  const perDay = Math.ceil(opts.count / opts.days);
  const insert =
    db.prepare(`INSERT INTO cases (case_id, outcome, receipt_no, notice_no, business_date, started_at, decided_at, clerk_id, window_code,
    catalogue_version, matter_code, matter_name, situation_code, situation_name, locality_division, department_id, department_name, mode,
    applicant_name, applicant_id_type, applicant_id_number, applicant_phone, promised_days, application, sync_state, department_no, dept_status)
    VALUES (?, 'accepted', ?, NULL, ?, ?, ?, ?, ?, '2026.11.1', 'CQ-KSTB-0001', '社会保障卡申领', 'FIRST', '首次申领', '510104', 'SC-RS', '四川省人力资源和社会保障厅',
    'self', ?, 'resident-id', ?, ?, 20, ?, 'delivered', ?, 'approved')`);
  const last = Date.parse(`${opts.lastDay}T00:00:00Z`);
  let made = 0;
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const dayIndex = Math.floor(i / perDay);
      const date = new Date(last - (opts.days - 1 - dayIndex) * 86_400_000).toISOString().slice(0, 10);
      const seq = (i % perDay) + 1;
      const at = `${date}T0${1 + Math.floor((seq / perDay) * 8)}:${String(seq % 60).padStart(2, '0')}:00.000Z`;
      const birth = `19${50 + Math.floor(r() * 50)}${String(1 + Math.floor(r() * 12)).padStart(2, '0')}${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
      const body = `${pick(r, REGIONS)}${birth}${String(Math.floor(r() * 1000)).padStart(3, '0')}`;
      const idNumber = body + id18CheckChar(body);
      const name = pick(r, SURNAMES) + pick(r, GIVEN) + (r() < 0.5 ? pick(r, GIVEN) : '');
      const phone = `13${String(Math.floor(r() * 1e9)).padStart(9, '0')}`;
      const caseId = `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`;
      const receiptNo = formatReceiptNumber({ windowCode: opts.windowCode, date, sequence: seq });
      const application = JSON.stringify({
        caseId,
        applicant: { name, idType: 'resident-id', idNumber, phone, address: '重庆市万州区' },
        form: { insuredDivision: '510104' },
      });
      insert.run(
        caseId,
        receiptNo,
        date,
        at,
        at,
        opts.clerkId,
        opts.windowCode,
        name,
        idNumber,
        phone,
        application,
        `KSTB-500101-2026-${String(i).padStart(6, '0')}`,
      );
      made += 1;
    }
  });
  // Random ID numbers, names and phones land all over their indexes: a 256 MB page cache while seeding keeps
  // those B-trees in memory (1,000,000 cases with the default 2 MB cache took 24 minutes on the shared box).
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma('cache_size = -262144');
  try {
    for (let from = 0; from < opts.count; from += 50_000) batch(from, Math.min(opts.count, from + 50_000));
  } finally {
    db.pragma(`cache_size = ${cacheSize}`);
  }
  if (made !== opts.count) throw new Error('seeding incomplete');
}
