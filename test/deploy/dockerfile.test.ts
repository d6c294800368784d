import { readFileSync } from 'node:fs';
import path from 'node:path';
import { argsOf, envOf, execForm, readDockerfile, stage } from '../support/dockerfile';

const stages = readDockerfile();
const runtime = stages.at(-1)!;

test('three stages on Node 20: build, deps (production dependencies) and runtime, the last', () => {
  expect(stages.map((each) => each.name)).toEqual(['build', 'deps', 'runtime']);
  for (const each of stages) expect(each.from).toBe('node:20-bookworm-slim');
});

test('build compiles with every dependency; deps installs with npm ci --omit=dev', () => {
  expect(argsOf(stage(stages, 'build'), 'RUN')).toEqual(expect.arrayContaining(['npm ci --no-audit --no-fund', 'npm run build']));
  expect(argsOf(stage(stages, 'deps'), 'RUN')).toContain('npm ci --omit=dev --no-audit --no-fund && npm cache clean --force');
});

test('the runtime takes node_modules from deps only, dist from build, and no compiler or npm install', () => {
  expect(argsOf(runtime, 'COPY')).toEqual([
    '--from=deps /app/node_modules ./node_modules',
    '--from=build /app/dist ./dist',
    'package.json ./',
    'src/content ./src/content',
  ]);
  expect(argsOf(runtime, 'RUN')).toEqual(['mkdir -p /app/data && chown node:node /app/data']);
});

test('the runtime runs as the non-root user node, in production, and answers its HEALTHCHECK on /healthz', () => {
  expect(argsOf(runtime, 'USER')).toEqual(['node']);
  // USER comes after every instruction that needs root.
  const userAt = runtime.instructions.findIndex((instruction) => instruction.keyword === 'USER');
  expect(runtime.instructions.slice(userAt).map((instruction) => instruction.keyword)).toEqual(['USER', 'EXPOSE', 'HEALTHCHECK', 'STOPSIGNAL', 'CMD']);
  expect(envOf(runtime)).toEqual({ NODE_ENV: 'production', PORT: '3978' });
  expect(argsOf(runtime, 'EXPOSE')).toEqual(['3978']);
  expect(argsOf(runtime, 'STOPSIGNAL')).toEqual(['SIGTERM']);
  const [healthcheck] = argsOf(runtime, 'HEALTHCHECK');
  expect(healthcheck).toMatch(/^--interval=30s --timeout=5s --start-period=60s --retries=3 CMD \["node", "-e", ".*\/healthz.*"\]$/);
  // As npm start runs it (package.json), with the same heap limit.
  expect(execForm(argsOf(runtime, 'CMD')[0])).toEqual(['node', '--max-old-space-size=1024', '--disable-warning=DEP0111', 'dist/index.js']);
});

test('.dockerignore keeps secrets, local state and installed modules out of the build context', () => {
  const ignored = readFileSync(path.resolve(__dirname, '..', '..', '.dockerignore'), 'utf8').split('\n');
  expect(ignored).toEqual(expect.arrayContaining(['.git', '.env', 'node_modules', 'dist', 'data', 'test', '.azure']));
});
