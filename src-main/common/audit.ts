import { z } from 'zod';

/** One entry of the hash-chained audit log. */
export interface AuditEntry {
  seq: number;
  at: string;
  actorId: number | null;
  /** The login name as recorded (part of the hashed entry). */
  actorName: string;
  /** The account's display name when the actor is a user (read with the entry, not hashed); else the recorded name. */
  actorDisplayName: string;
  action: string;
  target: string | null;
  details: Record<string, unknown>;
}

/** Filters for reading the audit log (newest first, paged by `beforeSeq`). */
export const auditQuerySchema = z.object({
  actor: z.string().trim().max(32).optional(),
  action: z.string().trim().max(64).optional(),
  target: z.string().trim().max(64).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  beforeSeq: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(500).default(100),
});

/** Filters for reading the audit log. */
export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** Result of verifying the audit chain: how many rows, and the first broken link if any. */
export interface AuditVerification {
  ok: boolean;
  count: number;
  headHash: string | null;
  firstBroken: {
    seq: number;
    reason: 'hash-mismatch' | 'link-mismatch' | 'sequence-gap' | 'tail-missing' | 'witness-mismatch';
  } | null;
  /**
   * The comparison with the chain heads the department gateway witnessed (issue #19): how many were
   * compared, or why none were (not enrolled, gateway unreachable). Absent where only the local chain is walked.
   */
  witnesses?: { state: 'compared' | 'not-enrolled' | 'unavailable'; checked: number; latestSeq: number | null };
}

/** Chinese labels for audit actions (unknown actions are shown as their code). */
export const AUDIT_ACTION_LABELS_ZH: Record<string, string> = {
  'setup.initialize': '初始化本窗口',
  'training.seed': '生成培训样例数据',
  'training.reset': '重置培训数据',
  'appointment.book': '预约错时/延时服务',
  'appointment.cancel': '取消预约',
  'appointment.open': '按预约开始办理',
  'appointment.serve': '预约办结关联案件',
  'case.accompany': '登记陪办',
  'ticket.open': '向部门提出问题单',
  'ticket.answer': '答复问题单',
  'ticket.close': '关闭问题单',
  'auth.login': '登录',
  'auth.login-failed': '登录失败',
  'auth.account-locked': '账号锁定',
  'auth.logout': '退出登录',
  'auth.lock': '屏幕锁定',
  'auth.unlock': '解除锁定',
  'auth.change-password': '修改密码',
  'host.customer-screen-paired': '配对顾客评价屏',
  'security.recovery-code-shown': '再次查看恢复码',
  'users.create': '新建用户',
  'users.disable': '停用用户',
  'users.enable': '启用用户',
  'users.reset-password': '重置密码',
  'users.set-role': '变更角色',
  'settings.update': '修改设置',
  'settings.verify-base': '修改扫码核验地址',
  'auth.forbidden': '越权操作被拒绝',
  'db.migrate': '数据库升级',
  'catalogue.import': '导入事项目录',
  'catalogue.fetched': '取得事项清单新版本',
  'catalogue.refused': '拒收事项清单版本（签名或内容无效）',
  'catalogue.apply': '应用事项清单版本',
  'catalogue.rollback': '回退事项清单版本',
  'case.accept': '受理',
  'case.notify-incomplete': '一次性告知',
  'case.reject': '不予受理',
  'case.supplement': '提交补正材料',
  'identity.verify': '人证核验',
  'identity.override': '主管放行人证核验',
  'identity.settings': '修改读卡与人证核验设置',
  'identity.face-threshold': '修改人证比对阈值',
  'identity.face-notice-open': '在客户屏出示人脸采集告知',
  'identity.face-notice-answer': '申请人在客户屏答复人脸采集告知',
  'identity.purge': '清除到期的证件芯片数据',
  'sync.enrol': '接入部门网关',
  'sync.device-revoked': '本机被部门网关停用',
  'sync.needs-attention': '同步需要处理',
  'case.rerouted': '更正承接部门并重新发送',
  'sync.numbering-continued': '文书编号接续部门网关记录',
  'sync.reconcile-resend': '部门网关缺失的办件重新发送',
  'sync.audit-witness-conflict': '部门网关记录的审计链与本机不一致',
  'print.document': '打印文书',
  'print.reprint': '补打文书',
  'print.failed': '打印失败',
  'printers.update': '修改打印机设置',
  'waybill.pool-import': '导入邮件号',
  'waybill.assign': '分配邮件号',
  'waybill.state': '邮件状态变更',
};
