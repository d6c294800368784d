import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Jest's global set-up and tear-down: the tests (and the processes and browsers they start) get a
 * temporary directory of their own, and the run fails if anything is left in it afterwards, so a
 * test that forgets to clean up is caught rather than filling the machine's /tmp.
 */
const ENV_KEY = 'STEPWISE_TEST_TMPDIR';
/** What tools the tests start keep on purpose (tsx's compile cache) is not a leak. */
const TOOL_CACHES = [/^tsx-\d+$/];

export async function setUp(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'stepwise-tests-'));
  // Like /tmp itself: a test runs the bot as an unprivileged user, which needs a temporary directory too.
  chmodSync(dir, 0o1777);
  process.env[ENV_KEY] = dir;
  process.env.TMPDIR = dir;
}

export async function tearDown(): Promise<void> {
  const dir = process.env[ENV_KEY];
  if (!dir) return;
  const left = readdirSync(dir).filter((name) => !TOOL_CACHES.some((cache) => cache.test(name)));
  rmSync(dir, { recursive: true, force: true });
  if (left.length) throw new Error(`Tests left files in the temporary directory: ${left.join(', ')}`);
}
