import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

export interface Ending {
  code: number | null;
  /** stdout and stderr. */
  output: string;
}

/**
 * Starts the real bot (src/index.ts) expecting it to refuse: resolves with its exit code and output
 * once it exits; rejects if it starts listening instead (it is then killed) or runs past `timeoutMs`.
 */
export function startExpectingRefusal(env: Record<string, string>, options: { uid?: number; gid?: number; timeoutMs?: number } = {}): Promise<Ending> {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', path.join(root, 'src', 'index.ts')], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', DOTENV_CONFIG_PATH: '/nonexistent/.env', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    uid: options.uid,
    gid: options.gid,
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`still running after ${options.timeoutMs ?? 20000} ms:\n${output}`));
    }, options.timeoutMs ?? 20000);
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (/Stepwise is listening on/.test(output)) {
        clearTimeout(timer);
        child.kill('SIGKILL');
        reject(new Error(`it started instead of refusing:\n${output}`));
      }
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}
