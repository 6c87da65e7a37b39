// Group commit of case bundles (decision 0244): with an object store, the new-case statements of bundles that
// arrive while another is being stored are sent together as one statement (one transaction, one commit, one WAL
// flush) instead of one each. Every case keeps its own answer: the statement returns, per case, exactly what the
// single statement (bundle-repo.ts STORE_BUNDLE) returns — its device's state, whether its nonce was fresh, its
// department number if it was stored, the files to write again. A batch whose statement fails for any reason
// (an attachment id already taken, a lost connection) wrote nothing, and each of its cases is then stored by the
// single statement, so that each gets the answer or error it would have had alone.
import type pg from 'pg';

/** The single statement's parameters of one case (bundle-repo.ts) and what the batch needs besides. */
export interface BundleJob {
  caseId: string;
  /** The device and nonce, to keep two uses of one nonce out of one batch. */
  nonceKey: string;
  /** One case as a row of the batch statement's recordset. */
  row: Record<string, unknown>;
  /** The case alone (the single statement), for a batch of one or after a batch failed. */
  single: () => Promise<BundleRow>;
}

/** What the statement answers per case. */
export interface BundleRow {
  revoked: boolean | null;
  fresh: number;
  department_no: string | null;
  rewrite: string[] | null;
}

/** Cases per statement (1 = every case alone, as before decision 0244: a measurement knob) and statements at once. */
export const bundleBatching = { maxCases: 32, statements: 2 };

// The single statement's CTEs (repo.ts newCaseCtes with the bundle's nonce and audit, bundle-repo.ts STORE_BUNDLE)
// over a set of cases: one row of $1 per case, `k` its place. The department number is drawn only for a case that
// is inserted (the scalar subquery runs only for rows past the WHERE), as in the single statement, and once per
// case (the subquery refers to its row: an uncorrelated one would draw one number for the whole batch).
const STORE_BUNDLES = `WITH b AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS b(k int, case_text text, manifest jsonb, hash text,
           district text, department_id text, device_id uuid, attachments jsonb, actor text, parts jsonb,
           part_states jsonb, nonce_device uuid, nonce text, created double precision, audit jsonb, shas text[])
       ), d AS (
         SELECT b.k, dv.revoked_at IS NOT NULL AS revoked FROM b JOIN devices dv ON dv.device_id = b.nonce_device
       ), n AS (
         INSERT INTO request_nonces (device_id, nonce, created_at)
         SELECT b.nonce_device, b.nonce, to_timestamp(b.created) FROM b JOIN d USING (k) WHERE NOT d.revoked
         ON CONFLICT DO NOTHING RETURNING device_id, nonce
       ), fresh AS (
         SELECT b.k FROM b JOIN n ON n.device_id = b.nonce_device AND n.nonce = b.nonce
       ), c AS (
         INSERT INTO cases (case_id, manifest, manifest_hash, district, department_id, department_no, device_id, status, case_version, complete_at)
         SELECT b.case_text::uuid, b.manifest, b.hash, b.district::char(6), b.department_id,
                'KSTB-' || b.district || '-' || to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYY') || '-' ||
                  (SELECT lpad(s::text, greatest(6, length(s::text)), '0') FROM (SELECT nextval('department_no_seq') + 0 * b.k AS s) x),
                b.device_id, 'received', 1, now()
         FROM b
         WHERE b.k IN (SELECT k FROM fresh) AND NOT EXISTS (SELECT 1 FROM cases x WHERE x.case_id = b.case_text::uuid)
         ORDER BY b.k
         ON CONFLICT (case_id) DO NOTHING
         RETURNING case_id, department_no
       ), cb AS (
         SELECT b.*, c.department_no FROM c JOIN b ON b.case_text::uuid = c.case_id
       ), slots AS (
         INSERT INTO attachment_slots (attachment_id, case_id, supplement_id, material_code, sha256, size, media_type, received_bytes, verified_at)
         SELECT a."attachmentId", cb.case_text::uuid, NULL, a."materialCode", a.sha256, a.size, a."mediaType", a.size, now()
         FROM cb, jsonb_to_recordset(cb.attachments) AS a("attachmentId" uuid, "materialCode" text, sha256 text, size bigint, "mediaType" text)
       ), event AS (
         INSERT INTO status_events (case_id, district, case_version, status, reason, details, actor)
         SELECT cb.case_text::uuid, cb.district::char(6), 1, 'received', NULL,
                jsonb_build_object('departmentNo', cb.department_no) || CASE WHEN cb.part_states IS NULL THEN '{}'::jsonb
                  ELSE jsonb_build_object('parts', cb.part_states) END, cb.actor
         FROM cb ORDER BY cb.k
       ), parts AS (
         INSERT INTO case_parts (case_id, part_code, name, department_id, department_name, step, required, status, pushed_at)
         SELECT cb.case_text::uuid, p.code, p.name, p."departmentId", p."departmentName", p.step, p.required,
                CASE WHEN p.step = 1 THEN 'received' ELSE 'waiting' END, CASE WHEN p.step = 1 THEN now() END
         FROM cb, jsonb_to_recordset(cb.parts) AS p(code text, name text, "departmentId" text, "departmentName" text, step int, required boolean)
       ), notice AS (
         INSERT INTO backoffice_outbox (case_id, kind, payload)
         SELECT cb.case_text::uuid, 'case-received',
                jsonb_build_object('caseId', cb.case_text, 'departmentNo', cb.department_no, 'departmentId', cb.department_id)
         FROM cb ORDER BY cb.k
       ), audit AS (
         INSERT INTO gateway_audit (actor, action, target, details)
         SELECT cb.actor, 'device.case-push', 'case:' || cb.case_text, cb.audit FROM cb ORDER BY cb.k
       ), gone AS (
         SELECT cb.k, coalesce(array_agg(h.sha) FILTER (WHERE lock_bundle_blob(h.sha)), '{}') AS shas
         FROM cb, unnest(cb.shas) AS h(sha) GROUP BY cb.k
       )
       SELECT b.k, d.revoked, (f.k IS NOT NULL)::int AS fresh, cb.department_no, g.shas AS rewrite
       FROM b LEFT JOIN d USING (k) LEFT JOIN fresh f USING (k) LEFT JOIN cb USING (k) LEFT JOIN gone g USING (k)`;

interface Waiting {
  job: BundleJob;
  resolve: (row: BundleRow) => void;
  reject: (err: unknown) => void;
}

/** Collects the new-case statements of one pool and sends them in batches. */
class BundleBatcher {
  private queue: Waiting[] = [];
  private running = 0;

  constructor(private readonly pool: pg.Pool) {}

  submit(job: BundleJob): Promise<BundleRow> {
    return new Promise((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.running < bundleBatching.statements && this.queue.length > 0) {
      // A case id or a nonce twice in one batch waits for the next: one statement never holds both.
      const cases = new Set<string>();
      const nonces = new Set<string>();
      const batch: Waiting[] = [];
      const rest: Waiting[] = [];
      for (const w of this.queue) {
        const key = w.job.caseId.toLowerCase();
        if (batch.length < bundleBatching.maxCases && !cases.has(key) && !nonces.has(w.job.nonceKey)) {
          cases.add(key);
          nonces.add(w.job.nonceKey);
          batch.push(w);
        } else rest.push(w);
      }
      this.queue = rest;
      this.running++;
      void this.run(batch).finally(() => {
        this.running--;
        this.pump();
      });
    }
  }

  private async run(batch: Waiting[]): Promise<void> {
    if (batch.length > 1) {
      // A failed statement wrote nothing: each case then goes alone below, with its own answer or error.
      const rows = await this.pool
        .query<BundleRow & { k: number }>({
          name: 'store-case-bundles',
          text: STORE_BUNDLES,
          values: [JSON.stringify(batch.map((w, k) => ({ ...w.job.row, k })))],
        })
        .then(
          (result) => result.rows,
          () => null,
        );
      if (rows) {
        for (const r of rows) {
          const { k, ...row } = r;
          batch[k]?.resolve(row);
        }
        return;
      }
    }
    await Promise.all(batch.map((w) => w.job.single().then(w.resolve, w.reject)));
  }
}

const batchers = new WeakMap<pg.Pool, BundleBatcher>();

/** Stores one new case's statement in the next batch of `pool` (alone when nothing else is waiting). */
export function storeInBatch(pool: pg.Pool, job: BundleJob): Promise<BundleRow> {
  let batcher = batchers.get(pool);
  if (!batcher) batchers.set(pool, (batcher = new BundleBatcher(pool)));
  return batcher.submit(job);
}
