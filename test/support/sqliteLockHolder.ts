// Run as a separate process (node --import tsx) by the SQLite locking tests: another program (not
// Stepwise) that takes the database's write lock with BEGIN IMMEDIATE and holds it for a while, as a
// backup tool or an administrator's sqlite3 shell might. Prints "locked" once it holds the lock and
// "released" when it lets go.
import Database from 'better-sqlite3';

const [filePath, holdMsArg] = process.argv.slice(2);
const db = new Database(filePath, { timeout: 5000 });
db.exec('BEGIN IMMEDIATE');
process.stdout.write('locked\n');
setTimeout(() => {
  db.exec('COMMIT');
  db.close();
  process.stdout.write('released\n');
}, Number(holdMsArg));
