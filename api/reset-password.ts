/**
 * `npm run reset-password -- <username>`: give a user a new password in the database the server
 * uses (DATABASE_URL, or ./data/rules.sqlite), clear a lockout and end every session of theirs
 * (running servers notice on the next request). The password is RULES_NEW_PASSWORD when set,
 * otherwise a random one printed once. Audited as `auth.passwordReset`.
 */
import { configFromEnv, type Config } from './config.js';
import { createDb, describeDatabase, migrate, type Db } from './db/knex.js';
import { ApiError } from './errors.js';
import { AuditService } from './features/audit/audit-service.js';
import { AuditStore } from './features/audit/audit-store.js';
import { AuthService } from './features/auth/auth-service.js';
import { AuthStore } from './features/auth/auth-store.js';
import { randomSecret } from './features/auth/passwords.js';
import { UsersStore } from './features/users/users-store.js';

/** Only what a reset needs (the whole app would load the engine, spreadsheets, PDF…). */
function authService(db: Db, config: Config): AuthService {
  return new AuthService(
    db,
    new AuthStore(db),
    new UsersStore(db),
    new AuditService(new AuditStore(db)),
    config.sessionHours,
    config.login,
  );
}

async function main(): Promise<number> {
  const username = process.argv[2];
  if (!username) {
    console.error('usage: npm run reset-password -- <username>   (RULES_NEW_PASSWORD=… to choose the password)');
    return 2;
  }
  const config = configFromEnv();
  const db = createDb(describeDatabase(config.databaseUrl, config.dataDir));
  try {
    await migrate(db);
    const chosen = process.env.RULES_NEW_PASSWORD;
    const password = chosen || randomSecret(12);
    const { revokedSessions } = await authService(db, config).resetPassword(username, password);
    console.log(`password of "${username}" reset; ${revokedSessions} session(s) ended, lockout cleared`);
    if (!chosen) console.log(`new password (shown only once): ${password}`);
    return 0;
  } catch (error) {
    if (error instanceof ApiError && error.status < 500) {
      console.error(`reset-password: ${error.messageZh} (${error.message})`);
      return 1;
    }
    throw error;
  } finally {
    await db.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
