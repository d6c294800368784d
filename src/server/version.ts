import fs from 'node:fs';
import path from 'node:path';

/** The package version, read once (works from src/ under ts-node/jest and from dist/). */
export const appVersion: string = (() => {
  try {
    return JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', 'package.json'), 'utf8')).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
})();
