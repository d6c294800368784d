import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStorage } from '../../src/storage/sqliteStorage';

/**
 * What a delete leaves in the SQLite files: nothing readable. Deleted rows are zeroed (secure_delete),
 * and purgeDeleted() empties the write-ahead log, which still holds the pages as they were before.
 */
let dir: string;
let filePath: string;
let storage: SqliteStorage;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'stepwise-erasure-'));
  filePath = join(dir, 'stepwise.sqlite');
  storage = new SqliteStorage(filePath);
});
afterEach(() => {
  storage.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Which of the database's files (main, -wal, -shm) contain `text`, as bytes. */
function filesContaining(text: string): string[] {
  const needle = Buffer.from(text, 'utf8');
  return ['', '-wal', '-shm']
    .map((suffix) => `${filePath}${suffix}`)
    .filter((file) => existsSync(file) && readFileSync(file).includes(needle))
    .map((file) => file.slice(filePath.length) || 'main');
}

it('turns secure_delete on (a setting of its own connection)', () => {
  expect((storage as unknown as { db: Database.Database }).db.pragma('secure_delete', { simple: true })).toBe(1);
});

it('after a delete and purgeDeleted(), neither the database file nor its -wal and -shm hold the deleted text', async () => {
  const secret = 'zebra-umbrella-4417';
  // Small documents and one that spills into overflow pages; other customers' items around them.
  const others = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`webchat/conversations/other-${i}`, { text: `other customer ${i}`.repeat(20) }]));
  await storage.write(others);
  await storage.write({
    'webchat/conversations/secret-small': { text: `I typed ${secret}` },
    'webchat/conversations/secret-large': { text: `${secret} `.repeat(2000) },
    'webchat/users/secret-user': { note: secret },
  });
  // A shared document rewritten without the customer: its old version must go too.
  await storage.write({ 'stepwise/handoff/cases': { cases: [{ summary: secret }, { summary: 'someone else' }] } });
  // Part of it reaches the database file, part stays in the log.
  await storage.purgeDeleted();
  await storage.write({ 'webchat/conversations/secret-small': { text: `I typed ${secret} again` } });
  expect(filesContaining(secret).length).toBeGreaterThan(0);

  await storage.delete(['webchat/conversations/secret-small', 'webchat/conversations/secret-large', 'webchat/users/secret-user']);
  await storage.write({ 'stepwise/handoff/cases': { cases: [{ summary: 'someone else' }] } });
  expect(await storage.purgeDeleted()).toBe(true);

  expect(filesContaining(secret)).toEqual([]);
  expect(filesContaining('other customer 39')).toEqual(['main']);
  expect(await storage.read(['webchat/conversations/other-0', 'stepwise/handoff/cases'])).toEqual({
    'webchat/conversations/other-0': { text: 'other customer 0'.repeat(20), eTag: expect.any(String) },
    'stepwise/handoff/cases': { cases: [{ summary: 'someone else' }], eTag: expect.any(String) },
  });
});

it('purgeDeleted() reports false while another connection reads from the log, and true once it has finished', async () => {
  await storage.write({ a: { text: 'x' } });
  const reader = new Database(filePath, { readonly: true });
  try {
    reader.exec('BEGIN');
    reader.prepare('SELECT COUNT(*) FROM storage_items').get();
    // It waits for the reader as long as any write would (the busy timeout, 5 s), then gives up.
    expect(await storage.purgeDeleted()).toBe(false);
    reader.exec('COMMIT');
  } finally {
    reader.close();
  }
  expect(await storage.purgeDeleted()).toBe(true);
});
