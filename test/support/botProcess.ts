import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface BotProcess {
  pid: number;
  baseUrl: string;
  botUrl: string;
  /** Everything the process wrote so far (stdout and stderr). */
  output(): string;
  /** Sends `signal` and resolves when the process has exited. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

const root = path.resolve(__dirname, '..', '..');
const startupTimeoutMs = 20000;

/**
 * Starts the real bot (src/index.ts, as `npm start` runs it but without the build) in its own Node
 * process on a free loopback port, and resolves once it says it is listening.
 */
export function startBotProcess(env: Record<string, string>): Promise<BotProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--require', 'tsx/cjs', path.join(root, 'src', 'index.ts')], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', DOTENV_CONFIG_PATH: '/nonexistent/.env', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  return new Promise((resolve, reject) => {
    const fail = (reason: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`The bot process did not start: ${reason}\n${output}`));
    };
    const timer = setTimeout(() => fail(`not listening after ${startupTimeoutMs} ms`), startupTimeoutMs);
    const onEarlyExit = (code: number | null, signal: string | null) => fail(`exited (code ${code}, signal ${signal})`);
    child.once('exit', onEarlyExit);
    const onData = () => {
      const match = /Stepwise is listening on (http:\/\/[^\s"]+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.off('exit', onEarlyExit);
      child.stdout!.off('data', onData);
      resolve({
        pid: child.pid!,
        baseUrl: match[1],
        botUrl: `${match[1]}/api/messages`,
        output: () => output,
        kill: async (signal) => {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          await exited;
        },
      });
    };
    child.stdout!.on('data', onData);
  });
}
