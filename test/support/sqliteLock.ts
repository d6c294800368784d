import { spawn } from 'node:child_process';
import { join } from 'node:path';

export interface HeldLock {
  /** Resolves when the holder has committed and exited. */
  released: Promise<void>;
}

/** Another process holds `filePath`'s write lock for `holdMs`; resolves once it holds it. */
export function holdSqliteWriteLock(filePath: string, holdMs: number): Promise<HeldLock> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'sqliteLockHolder.ts'), filePath, String(holdMs)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const released = new Promise<void>((resolve, reject) =>
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`lock holder exited with ${code}: ${output}`)))),
  );
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('locked')) resolve({ released });
    });
    released.catch(reject);
  });
}

/**
 * The longest the event loop was kept from running a 5 ms timer while `work` ran, in ms (also the
 * last stretch: work that blocks and then finishes in microtasks never lets the timer run).
 */
export async function longestStall<T>(work: () => Promise<T>): Promise<{ result: T; stallMs: number }> {
  let last = performance.now();
  let stallMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last - 5);
    last = now;
  }, 5);
  try {
    const result = await work();
    stallMs = Math.max(stallMs, performance.now() - last - 5);
    return { result, stallMs };
  } finally {
    clearInterval(timer);
  }
}
