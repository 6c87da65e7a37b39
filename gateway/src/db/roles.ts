// Least privilege in PostgreSQL (issue #15): the schema belongs to an owner role that only migrations use;
// the gateway serves as an application role with DML on the tables and nothing else (no CREATE, ALTER, DROP,
// TRUNCATE, no temporary tables). `provisionRoles` makes both (embedded cluster, tests; the SQL an operator
// runs on an external server is the same, docs/gateway-operations.md); `assertRuntimeRole` refuses to serve
// as a role that could change the schema.
import type pg from 'pg';

/** Names and passwords of the two roles. */
export interface RoleSpec {
  owner: { name: string; password: string };
  app: { name: string; password: string };
  database: string;
}

export const OWNER_ROLE = 'tongban_owner';
export const APP_ROLE = 'tongban_app';

const ident = (s: string): string => `"${s.replace(/"/g, '""')}"`;
const literal = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/**
 * The statements a superuser runs to create (or repair) both roles on `spec.database`: creates them when
 * missing and sets their passwords, makes the owner own the database and every object already in schema
 * public (an older gateway created them as the superuser), and gives the application role DML only, for
 * the tables that exist and (default privileges) for those later migrations create.
 */
export function provisioningStatements(spec: RoleSpec): { cluster: string[]; database: string[] } {
  const owner = ident(spec.owner.name);
  const app = ident(spec.app.name);
  const db = ident(spec.database);
  const role = (r: { name: string; password: string }) =>
    `DO $$ BEGIN
       IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ${literal(r.name)}) THEN
         CREATE ROLE ${ident(r.name)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
       END IF;
     END $$`;
  return {
    cluster: [
      role(spec.owner),
      role(spec.app),
      `ALTER ROLE ${owner} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${literal(spec.owner.password)}`,
      `ALTER ROLE ${app} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${literal(spec.app.password)}`,
      `ALTER DATABASE ${db} OWNER TO ${owner}`,
      `REVOKE ALL ON DATABASE ${db} FROM PUBLIC`,
      `GRANT CONNECT ON DATABASE ${db} TO ${app}`,
    ],
    database: [
      `ALTER SCHEMA public OWNER TO ${owner}`,
      `REVOKE ALL ON SCHEMA public FROM PUBLIC`,
      `GRANT USAGE ON SCHEMA public TO ${app}`,
      // Objects an older gateway made as the superuser: tables first (their serial sequences follow them).
      `DO $$ DECLARE r record; BEGIN
         FOR r IN SELECT c.oid::regclass AS t, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                  WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm') AND c.relowner <> ${literal(spec.owner.name)}::regrole LOOP
           EXECUTE format('ALTER %s %s OWNER TO ${owner}', CASE r.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END, r.t);
         END LOOP;
       END $$`,
      `DO $$ DECLARE r record; BEGIN
         FOR r IN SELECT c.oid::regclass AS s FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                  WHERE n.nspname = 'public' AND c.relkind = 'S' AND c.relowner <> ${literal(spec.owner.name)}::regrole LOOP
           EXECUTE format('ALTER SEQUENCE %s OWNER TO ${owner}', r.s);
         END LOOP;
         FOR r IN SELECT p.oid::regprocedure AS f FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                  WHERE n.nspname = 'public' AND p.proowner <> ${literal(spec.owner.name)}::regrole LOOP
           EXECUTE format('ALTER FUNCTION %s OWNER TO ${owner}', r.f);
         END LOOP;
       END $$`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app}`,
      `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${app}`,
      `ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app}`,
      `ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${app}`,
      // The feed epoch notices a restore by the cluster's identity (feed/epoch.ts).
      `GRANT EXECUTE ON FUNCTION pg_control_system() TO ${app}`,
      `GRANT EXECUTE ON FUNCTION pg_control_checkpoint() TO ${app}`,
    ],
  };
}

/** Runs the provisioning statements: `cluster` on any database of the cluster, `database` on the gateway's. */
export async function provisionRoles(
  superuser: { cluster: pg.ClientBase; database: pg.ClientBase },
  spec: RoleSpec,
): Promise<void> {
  const { cluster, database } = provisioningStatements(spec);
  for (const sql of cluster) await superuser.cluster.query(sql);
  for (const sql of database) await superuser.database.query(sql);
}

/** Why the connected role may not serve (it could change the schema), or null when it may. */
export async function runtimeRoleProblem(db: Pick<pg.Pool, 'query'>): Promise<string | null> {
  const { rows } = await db.query<{
    role: string;
    superuser: boolean;
    create_schema: boolean;
    create_db: boolean;
    temp: boolean;
    owned: number;
  }>(
    `SELECT current_user AS role, r.rolsuper AS superuser,
            has_schema_privilege('public', 'CREATE') AS create_schema,
            has_database_privilege(current_database(), 'CREATE') AS create_db,
            has_database_privilege(current_database(), 'TEMP') AS temp,
            (SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE n.nspname = 'public' AND pg_has_role(c.relowner, 'USAGE')) AS owned
     FROM pg_roles r WHERE r.rolname = current_user`,
  );
  const r = rows[0];
  if (!r) return 'the connected role is unknown';
  const reasons = [
    r.superuser && 'is a superuser',
    r.owned > 0 && `owns ${r.owned} table(s) or sequence(s) of the schema`,
    r.create_schema && 'may CREATE in schema public',
    r.create_db && 'may CREATE schemas in the database',
    r.temp && 'may create temporary tables',
  ].filter(Boolean);
  return reasons.length ? `role "${r.role}" ${reasons.join(', ')}` : null;
}

/** Throws unless the runtime role holds DML rights only. */
export async function assertRuntimeRole(db: Pick<pg.Pool, 'query'>): Promise<void> {
  const problem = await runtimeRoleProblem(db);
  if (problem)
    throw new Error(
      `TONGBAN_GW_DATABASE_URL: the gateway serves as a role without DDL rights, but ${problem}. ` +
        'Connect it as the application role and give the schema owner to TONGBAN_GW_MIGRATION_DATABASE_URL ' +
        '(docs/gateway-operations.md, "Database roles")',
    );
}
