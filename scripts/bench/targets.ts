import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { FromTarget, ToTarget } from './targetProtocol';

export interface RunningTarget {
  botUrl: string;
  stats(keys?: string[]): Promise<Extract<FromTarget, { type: 'stats' }>>;
  stop(): Promise<void>;
}

const startupTimeoutMs = 30000;

/** Starts `script` (a target in this folder) in its own Node process and waits until it listens. */
export function startTarget(script: 'stepwiseTarget.ts' | 'echoTarget.ts', env: Record<string, string> = {}): Promise<RunningTarget> {
  const child: ChildProcess = fork(path.join(__dirname, script), [], {
    execArgv: [
      '--require',
      'tsx/cjs',
      '--no-deprecation',
      // The heap limit `npm start` sets (README: Memory).
      '--max-old-space-size=1024',
      ...(process.env.BENCH_NODE_FLAGS ? process.env.BENCH_NODE_FLAGS.split(' ').filter(Boolean) : []),
      ...(process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : []),
    ],
    // All load comes from one loopback address: the rate limits would measure themselves, not the bot.
    env: { ...process.env, LOG_LEVEL: 'warn', DOTENV_CONFIG_PATH: '/nonexistent/.env', RATE_LIMIT_PER_CONVERSATION: '0', RATE_LIMIT_PER_ADDRESS: '0', ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const next = () =>
    new Promise<FromTarget>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`${script} exited with code ${code}`));
      child.once('exit', onExit);
      child.once('message', (message: FromTarget) => {
        child.off('exit', onExit);
        resolve(message);
      });
    });

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not start within ${startupTimeoutMs} ms`));
    }, startupTimeoutMs);
    next().then((ready) => {
      clearTimeout(timer);
      if (ready.type !== 'ready') throw new Error(`${script} sent ${ready.type} before ready`);
      resolve({
        botUrl: ready.botUrl,
        async stats(keys = []) {
          const reply = next();
          child.send({ type: 'stats', keys } satisfies ToTarget);
          const stats = await reply;
          if (stats.type !== 'stats') throw new Error(`${script} answered ${stats.type}`);
          return stats;
        },
        async stop() {
          if (child.exitCode === null) child.send({ type: 'stop' } satisfies ToTarget);
          const timeout = setTimeout(() => child.kill('SIGKILL'), 5000);
          await exited;
          clearTimeout(timeout);
        },
      });
    }, (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}
