// One gateway on one throwaway PostgreSQL per test file, with helpers to enrol devices.
import type pg from 'pg';
import { issueEnrolmentCode } from '../devices/repo';
import { startGateway, type GatewayOptions, type RunningGateway } from '../server';
import { DeviceClient } from './device-client';
import { startTestPostgres, type TestPostgres } from './pg';

/** A test gateway and its database. */
export interface TestGateway {
  db: TestPostgres;
  gateway: RunningGateway;
  url: string;
  pool: pg.Pool;
  /** Enrols a new device of `district` (window `windowCode`). */
  device(district: string, windowCode?: string): Promise<DeviceClient>;
  /** Counts rows of a table (for "stored nothing" checks). */
  count(table: string): Promise<number>;
  close(): Promise<void>;
}

/** Starts PostgreSQL and a gateway on 127.0.0.1. */
export async function startTestGateway(opts: Partial<GatewayOptions> = {}): Promise<TestGateway> {
  const db = await startTestPostgres();
  const gateway = await startGateway({ databaseUrl: db.url, migrationDatabaseUrl: db.migrationUrl, ...opts });
  let windows = 0;
  return {
    db,
    gateway,
    url: gateway.url,
    pool: gateway.pool,
    async device(district, windowCode = `W${district}-${++windows}`) {
      const { code } = await issueEnrolmentCode(gateway.pool, windowCode, district, 1);
      const client = new DeviceClient(gateway.url);
      const res = await client.enroll(code, windowCode);
      if (res.status !== 201) throw new Error(`enrolment failed: ${res.status} ${JSON.stringify(res.json)}`);
      return client;
    },
    async count(table) {
      const { rows } = await gateway.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
      return (rows[0] as { n: number }).n;
    },
    async close() {
      await gateway.close();
      await db.stop();
    },
  };
}
