// Chinese names of the audit actions the supervisor tools write (merged with AUDIT_ACTION_LABELS_ZH
// wherever the audit log is shown or exported).

/** Audit actions of the supervisor tools. */
export const SUPERVISOR_AUDIT_ACTION_LABELS_ZH: Record<string, string> = {
  'ledger.close-day': '日结',
  'ledger.reopen-day': '撤销日结',
  'ledger.export': '导出台账',
  'audit.export': '导出审计日志',
  'rating.ticket-open': '发起好差评',
  'rating.submit': '办事人评价',
  'rating.decline': '办事人放弃评价',
  'signature.ticket-open': '发起电子签名',
  'signature.sign': '办事人电子签名',
  'followup.open': '差评整改立项',
  'followup.step': '差评整改记录',
  'followup.contact-view': '查看评价人联系方式',
  'backup.run': '数据库备份',
  'backup.failed': '数据库备份失败',
  'backup.restore-staged': '准备恢复备份',
  'backup.restore-applied': '已从备份恢复',
  'retention.purge': '到期个人信息清除',
  'supervisor.settings-update': '修改主管设置',
};
