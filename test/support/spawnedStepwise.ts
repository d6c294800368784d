import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

export const projectRoot = path.resolve(__dirname, '..', '..');

export interface SpawnedStepwise {
  process: ChildProcess;
  baseUrl: string;
  botUrl: string;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  alive(): boolean;
  /** SIGTERM, then waits for the exit code. */
  stop(): Promise<number | null>;
}

/** Environment for a child Stepwise: port 0, no .env file, plus the given variables. */
export function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  // Memory storage unless a test asks for another: a child must not write ./data in the working tree.
  return { ...process.env, PORT: '0', DOTENV_CONFIG_PATH: '/nonexistent/.env', LOG_LEVEL: 'info', STORAGE: 'memory', ...env };
}

/** `npm start` without the build: the real entry point (src/index.ts) in its own process. */
export async function spawnStepwise(env: Record<string, string> = {}, timeoutMs = 20_000): Promise<SpawnedStepwise> {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', path.join(projectRoot, 'src', 'index.ts')], {
    cwd: projectRoot,
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Stepwise did not start in ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const check = () => {
      const match = /listening on (http:\/\/[^\s"]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout!.off('data', check);
        // 0.0.0.0 is printed as localhost, which may resolve to ::1 first; the server listens on IPv4.
        resolve(match[1].replace('//localhost:', '//127.0.0.1:'));
      }
    };
    child.stdout!.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`Stepwise exited with ${code} before listening:\n${output}`));
    });
  });

  return {
    process: child,
    baseUrl,
    botUrl: `${baseUrl}/api/messages`,
    output: () => output,
    alive: () => child.exitCode === null && child.signalCode === null,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      return exited;
    },
  };
}
