/**
 * A fresh PostgreSQL database beside the one `adminUrl` names, for one test file or one bench
 * run, and the way to drop it afterwards (forcefully: a leaked connection must not keep it).
 */
import knexFactory from 'knex';

export interface ThrowawayDatabase {
  url: string;
  drop: () => Promise<void>;
}

export async function throwawayPostgres(adminUrl: string, name: string): Promise<ThrowawayDatabase> {
  const run = async (sql: string) => {
    const admin = knexFactory({ client: 'pg', connection: adminUrl, pool: { min: 0, max: 1 } });
    try {
      await admin.raw(sql);
    } finally {
      await admin.destroy();
    }
  };
  await run(`drop database if exists ${name} with (force)`);
  await run(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = '/' + name;
  return { url: url.toString(), drop: () => run(`drop database if exists ${name} with (force)`) };
}
