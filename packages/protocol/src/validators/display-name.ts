// Staff display names are shown on screens, receipts, the ledger and the audit trail: no control characters
// (C0, C1, DEL), no bidirectional overrides, embeddings, isolates or marks (they reorder what a reader sees),
// no unpaired surrogates, no zero-width or line/paragraph separators.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/u;

// Without the u flag so that lone halves of a surrogate pair are matched.
const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why a display name is refused, or null when it is acceptable. */
export function displayNameProblem(name: string): 'invalid-characters' | null {
  if (UNPAIRED_SURROGATE.test(name)) return 'invalid-characters';
  return FORBIDDEN.test(name) ? 'invalid-characters' : null;
}
