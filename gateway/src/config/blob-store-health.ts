// The one thing readiness and metrics need from a blob store (the stores themselves live in attachments/).

/** A blob store as /readyz sees it: `ping` resolves when the store is reachable (optional for stores that are always). */
export interface BlobStoreHealth {
  readonly kind: string;
  ping?(): Promise<void>;
}
