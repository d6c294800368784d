// Run as a separate process (node --import tsx) by sqliteStorage.test.ts: increments a
// shared counter with read + eTag write, retrying on conflicts, and reports the conflicts.
// Workers signal `readyFile` and wait for `goFile` so that they really run at the same time.
import { existsSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { SqliteStorage } from '../../src/storage/sqliteStorage';

async function main(): Promise<void> {
  const [filePath, key, incrementsArg, readyFile, goFile] = process.argv.slice(2);
  const storage = new SqliteStorage(filePath, { exclusive: false });
  writeFileSync(readyFile, '');
  while (!existsSync(goFile)) await sleep(2);

  let conflicts = 0;
  for (let done = 0; done < Number(incrementsArg); ) {
    const current = (await storage.read([key]))[key];
    try {
      await storage.write({ [key]: { count: current.count + 1, eTag: current.eTag } });
      done++;
    } catch (error) {
      if (!/eTag conflict/.test((error as Error).message)) throw error;
      conflicts++;
    }
  }
  storage.close();
  process.stdout.write(JSON.stringify({ conflicts }));
}

main().catch((error) => {
  process.stderr.write(String(error?.stack ?? error));
  process.exit(1);
});
