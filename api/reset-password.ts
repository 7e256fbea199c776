/**
 * `npm run reset-password -- <username>`: give a user a new password in the database the server
 * uses (DATABASE_URL, or ./data/rules.sqlite), clear a lockout and end every session of theirs
 * (running servers notice on the next request). The password is RULES_NEW_PASSWORD when set,
 * otherwise a random one printed once. Audited as `auth.passwordReset`.
 */
import { createServices } from './app.js';
import { configFromEnv } from './config.js';
import { createDb, describeDatabase, migrate } from './db/knex.js';
import { ApiError } from './errors.js';
import { randomSecret } from './features/auth/passwords.js';

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
    const { revokedSessions } = await createServices({ db, config }).auth.resetPassword(username, password);
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

main().then((code) => process.exit(code), (error) => {
  console.error(error);
  process.exit(1);
});
