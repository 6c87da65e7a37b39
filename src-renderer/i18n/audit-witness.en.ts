/** 校验审计链: the comparison with the chain heads the department gateway witnessed (issue #19, decision 0186). */
export const auditWitnessesEn = {
  compared: 'Compared with {{checked}} witness(es) held by the department gateway (latest: entry {{latestSeq}})',
  none: 'The department gateway holds no witness of this window yet',
  'not-enrolled': 'Not connected to a department gateway: only the local chain was checked',
  unavailable: 'Department gateway unreachable: only the local chain was checked; check again when online',
};
