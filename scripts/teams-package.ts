/**
 * npm run teams:package [-- --out DIR]
 * Builds the Teams app package (default build/teams/stepwise-teams.zip) and prints its path.
 * Reads .env; MicrosoftAppId is required. See docs/teams.md.
 */
import { join } from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { buildTeamsPackage } from './teams/package';
import { TeamsPackageError } from './teams/errors';

function outDirFromArgs(args: string[]): string {
  const at = args.indexOf('--out');
  const given = at >= 0 ? args[at + 1] : undefined;
  return given ?? join(__dirname, '..', 'build', 'teams');
}

function main(): void {
  loadDotenv({ quiet: true });
  try {
    const { zipPath } = buildTeamsPackage({ outDir: outDirFromArgs(process.argv.slice(2)), env: process.env });
    process.stdout.write(zipPath + '\n');
  } catch (error) {
    if (!(error instanceof TeamsPackageError)) throw error;
    process.stderr.write(`teams:package: ${error.message}\n`);
    process.exitCode = 1;
  }
}

main();
