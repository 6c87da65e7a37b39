/** 校验审计链: the comparison with the chain heads the department gateway witnessed (issue #19, decision 0186). */
export const auditWitnessesZh = {
  compared: '已与部门网关留存的 {{checked}} 个审计链见证核对（最新至第 {{latestSeq}} 条）',
  none: '部门网关尚未留存本窗口的审计链见证',
  'not-enrolled': '本窗口未接入部门网关，仅核对了本机审计链',
  unavailable: '暂时连不上部门网关，仅核对了本机审计链；联网后请再次校验',
};
