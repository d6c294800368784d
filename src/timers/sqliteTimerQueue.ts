import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { SqliteStorage } from '../storage/sqliteStorage';
import { decodeTimer, encodeTimer, type ReceivedTimer, type Timer, type TimerQueue } from './timerQueue';

const schema = `
  CREATE TABLE IF NOT EXISTS timers (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_key TEXT    NOT NULL,
    body         TEXT    NOT NULL,
    visible_at   INTEGER NOT NULL,
    claim        TEXT
  );
  CREATE INDEX IF NOT EXISTS timers_visible_at ON timers (visible_at);
  CREATE INDEX IF NOT EXISTS timers_customer_key ON timers (customer_key);
`;

interface Row {
  id: number;
  body: string;
}

interface Statements {
  insert: Database.Statement<[{ customerKey: string; body: string; visibleAt: number }]>;
  due: Database.Statement<[number, number], Row>;
  claim: Database.Statement<[{ id: number; until: number; claim: string; now: number }]>;
  remove: Database.Statement<[number, string]>;
  forget: Database.Statement<[string]>;
}

/**
 * Timers as a table in the SQLite file that holds the state (one machine, one instance). A timer is
 * claimed by moving its visible_at past the claim time, with a fresh claim token as its receipt; the row
 * is deleted on completion. It survives a restart with the file.
 */
export class SqliteTimerQueue implements TimerQueue {
  private statements?: Statements;

  constructor(
    private readonly storage: SqliteStorage,
    private readonly now: () => number,
    private readonly claimMs: number,
  ) {}

  private run<T>(work: (statements: Statements) => T): Promise<T> {
    return this.storage.transaction((db) => work((this.statements ??= prepare(db))));
  }

  async schedule(timer: Timer): Promise<void> {
    await this.run(({ insert }) => insert.run({ customerKey: timer.customerKey, body: encodeTimer(timer), visibleAt: Date.parse(timer.dueAt) }));
  }

  async receiveDue(max: number): Promise<ReceivedTimer[]> {
    const now = this.now();
    return this.run(({ due, claim }) =>
      due.all(now, max).flatMap((row) => {
        const token = randomUUID();
        // The condition repeats the due check: a row another connection claimed meanwhile is not taken.
        if (claim.run({ id: row.id, until: now + this.claimMs, claim: token, now }).changes === 0) return [];
        return [{ timer: decodeTimer(row.body), receipt: `${row.id} ${token}` }];
      }),
    );
  }

  async complete(received: ReceivedTimer): Promise<void> {
    const [id, token] = received.receipt.split(' ');
    await this.run(({ remove }) => remove.run(Number(id), token));
  }

  async forgetCustomer(customerKey: string): Promise<void> {
    await this.run(({ forget }) => forget.run(customerKey));
  }
}

function prepare(db: Database.Database): Statements {
  db.exec(schema);
  return {
    insert: db.prepare('INSERT INTO timers (customer_key, body, visible_at) VALUES (@customerKey, @body, @visibleAt)'),
    due: db.prepare('SELECT id, body FROM timers WHERE visible_at <= ? ORDER BY visible_at LIMIT ?'),
    claim: db.prepare('UPDATE timers SET visible_at = @until, claim = @claim WHERE id = @id AND visible_at <= @now'),
    remove: db.prepare('DELETE FROM timers WHERE id = ? AND claim = ?'),
    forget: db.prepare('DELETE FROM timers WHERE customer_key = ?'),
  };
}
