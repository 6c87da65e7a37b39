/** 校验审计链: why a chain is broken (audit.reasons) and the comparison with the chain heads the department gateway witnessed (issue #19, decision 0186). */
export const auditWitnessesZh = {
  compared: '已与部门网关留存的 {{checked}} 个审计链见证核对（最新至第 {{latestSeq}} 条）',
  none: '部门网关尚未留存本窗口的审计链见证',
  'not-enrolled': '本窗口未接入部门网关，仅核对了本机审计链',
  unavailable: '暂时连不上部门网关，仅核对了本机审计链；联网后请再次校验',
};

export const auditReasonsZh = {
  'hash-mismatch': '记录内容与其哈希不符，可能被篡改',
  'link-mismatch': '记录与前一条的链接不符，可能被篡改或替换',
  'sequence-gap': '记录序号不连续，可能有记录被删除',
  'tail-missing': '最新的记录缺失，可能被删除',
  'witness-mismatch': '与部门网关留存的审计链记录（见证）不符，本机记录可能在事后被改动',
};

/** The audit page's chain check (audit.verify … audit.witnesses). */
export const auditChainZh = {
  verify: '校验审计链',
  chainOk: '审计链完整（共 {{count}} 条）',
  chainBroken: '审计链在第 {{seq}} 条断裂：{{reason}}',
  reasons: auditReasonsZh,
  witnesses: auditWitnessesZh,
};
