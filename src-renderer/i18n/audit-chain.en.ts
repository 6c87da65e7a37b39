/** 校验审计链: why a chain is broken (audit.reasons) and the comparison with the chain heads the department gateway witnessed (issue #19, decision 0186). */
export const auditWitnessesEn = {
  compared: 'Compared with {{checked}} witness(es) held by the department gateway (latest: entry {{latestSeq}})',
  none: 'The department gateway holds no witness of this window yet',
  'not-enrolled': 'Not connected to a department gateway: only the local chain was checked',
  unavailable: 'Department gateway unreachable: only the local chain was checked; check again when online',
};

export const auditReasonsEn = {
  'hash-mismatch': 'the entry does not match its hash (possibly altered)',
  'link-mismatch': 'the entry does not link to the previous one (possibly altered or replaced)',
  'sequence-gap': 'sequence numbers are not consecutive (entries may have been deleted)',
  'tail-missing': 'the newest entries are missing (possibly deleted)',
  'witness-mismatch': 'differs from the chain head the department gateway witnessed (altered after the fact)',
};

/** The audit page's chain check (audit.verify … audit.witnesses). */
export const auditChainEn = {
  verify: 'Verify audit chain',
  chainOk: 'Audit chain intact ({{count}} entries)',
  chainBroken: 'Audit chain broken at entry {{seq}}: {{reason}}',
  reasons: auditReasonsEn,
  witnesses: auditWitnessesEn,
};
