import { spawnSync } from 'node:child_process';

/**
 * The production dependency tree is whole: no unmet peer dependency, no mismatched or extraneous
 * package (what `npm ls --omit=dev` reports, and what a deploy installs).
 */
test('npm ls --omit=dev finds no problem', () => {
  const result = spawnSync('npm', ['ls', '--omit=dev', '--all', '--json'], { encoding: 'utf8', cwd: `${__dirname}/../..` });
  const tree = JSON.parse(result.stdout) as { problems?: string[] };
  expect(tree.problems ?? []).toEqual([]);
  expect(result.status).toBe(0);
}, 60000);
