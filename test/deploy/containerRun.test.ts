import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { argsOf, envOf, execForm, readDockerfile, stage } from '../support/dockerfile';
import { tempDirForTest } from '../support/tempDirs';

/**
 * The image's command, started as the image would start it. Docker is not available where the tests
 * run, so the image is emulated from the Dockerfile itself, honestly but not byte for byte:
 * - deps stage: its `npm ci --omit=dev` really runs, in an empty copy of package.json and the lock
 *   (from npm's cache, `--prefer-offline`; native modules compile). No dev dependency is installed.
 * - build stage: dist is compiled by the project's TypeScript into the copy (not a fresh `npm ci`).
 * - runtime stage: its COPY lines assemble the app folder, its ENV (NODE_ENV=production) is the
 *   environment, nothing else is inherited, and its CMD runs there. What is not emulated: the base
 *   image's file system, the non-root user and the network namespace (the process listens on
 *   127.0.0.1 here, 0.0.0.0 in a container).
 * Slow (the install takes minutes on two cores), hence the long timeout.
 */
const projectRoot = path.resolve(__dirname, '..', '..');
const stages = readDockerfile();
const runtime = stages.at(-1)!;
let child: ChildProcess | undefined;

afterEach(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  child = undefined;
});

function runStages(root: string): string {
  const deps = path.join(root, 'deps');
  mkdirSync(deps);
  for (const file of ['package.json', 'package-lock.json']) cpSync(path.join(projectRoot, file), path.join(deps, file));
  // `npm cache clean --force` is left out: it would empty this machine's shared cache.
  const [install] = argsOf(stage(stages, 'deps'), 'RUN').filter((run) => run.startsWith('npm ci --omit=dev')).map((run) => run.split(' && ')[0]);
  execFileSync('npm', [...install.split(' ').slice(1), '--prefer-offline'], { cwd: deps, stdio: 'pipe', env: { ...process.env, NODE_ENV: 'production' } });

  const build = path.join(root, 'build');
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(projectRoot, 'tsconfig.json'), '--outDir', path.join(build, 'dist')], { stdio: 'pipe' });

  const app = path.join(root, 'app');
  mkdirSync(app);
  const stageDirs: Record<string, string> = { deps, build };
  for (const copy of argsOf(runtime, 'COPY')) {
    const from = /^--from=(\w+) \/app\/(\S+) (\S+)$/.exec(copy);
    const [source, target] = from ? [path.join(stageDirs[from[1]], from[2]), from[3]] : [path.join(projectRoot, copy.split(' ')[0]), copy.split(' ')[1]];
    cpSync(source, target.endsWith('/') ? path.join(app, target, path.basename(source)) : path.join(app, target), { recursive: true });
  }
  return app;
}

function waitForListening(process: ChildProcess, output: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not listening after 60 s:\n${output()}`)), 60_000);
    process.stdout!.on('data', () => {
      const match = /Stepwise is listening on (http:\/\/[^\s"]+)/.exec(output());
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    process.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output()}`)));
  });
}

test('the image command starts the bot with production settings and only production dependencies installed', async () => {
  const app = runStages(tempDirForTest('stepwise-image-'));
  for (const devOnly of ['typescript', 'jest', 'tsx', 'azurite', 'ts-jest', 'playwright-core']) {
    expect(existsSync(path.join(app, 'node_modules', devOnly))).toBe(false);
  }
  expect(existsSync(path.join(app, 'node_modules', 'botbuilder'))).toBe(true);

  const [command, ...args] = execForm(argsOf(runtime, 'CMD')[0]);
  expect(command).toBe('node');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    ...envOf(runtime),
    // Production settings as the Azure template gives them, with SQLite standing in for blob storage.
    PORT: '0',
    HOST: '127.0.0.1',
    MicrosoftAppType: 'UserAssignedMSI',
    MicrosoftAppId: '0b6c2d3e-1f20-4a5b-8c7d-9e0f1a2b3c4d',
    MicrosoftAppTenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    STORAGE: 'sqlite',
  };
  expect(env.NODE_ENV).toBe('production');
  child = spawn(process.execPath, args, { cwd: app, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const baseUrl = await waitForListening(child, () => output);

  const health = await fetch(`${baseUrl}/healthz`);
  expect(health.status).toBe(200);
  expect(await health.json()).toMatchObject({ status: 'ok', version: '0.1.0', mode: 'azure', checks: { storage: 'up' } });
  expect((await fetch(`${baseUrl}/readyz`)).status).toBe(200);
  // Production authenticates: an activity without a Bot Framework token is refused.
  const unauthenticated = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'message', text: 'hi', channelId: 'webchat', serviceUrl: 'https://webchat.botframework.com/', conversation: { id: 'c1' }, from: { id: 'u1' } }),
  });
  expect(unauthenticated.status).toBe(401);
  expect(existsSync(path.join(app, 'data', 'stepwise.sqlite'))).toBe(true);

  // The image's HEALTHCHECK command, against the running bot.
  const healthcheck = JSON.parse(argsOf(runtime, 'HEALTHCHECK')[0].replace(/^.*CMD /, '')) as string[];
  const probe = spawn(process.execPath, healthcheck.slice(1), { env: { ...env, PORT: new URL(baseUrl).port } });
  expect(await new Promise((resolve) => probe.once('exit', resolve))).toBe(0);

  const exited = new Promise((resolve) => child!.once('exit', resolve));
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
}, 20 * 60_000);
