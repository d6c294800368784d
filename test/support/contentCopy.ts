import fs from 'node:fs';
import { defaultContentDir } from '../../src/content/loader';
import { tempDirForTest } from './tempDirs';

/** A copy of src/content (the JSON only) in a private folder, to break on purpose. */
export function contentCopy(): string {
  const dir = tempDirForTest('stepwise-content-');
  fs.cpSync(defaultContentDir, dir, { recursive: true, filter: (src) => !src.endsWith('.ts') });
  return dir;
}

export function editJson(file: string, edit: (data: any) => void): void {
  const data = JSON.parse(fs.readFileSync(file, 'utf8'));
  edit(data);
  fs.writeFileSync(file, JSON.stringify(data));
}
