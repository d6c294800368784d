import { readFileSync } from 'node:fs';
import path from 'node:path';

export const infraDir = path.resolve(__dirname, '..', '..', 'infra');

export function readInfra(file: string): string {
  return readFileSync(path.join(infraDir, file), 'utf8');
}

export interface TemplateSetting {
  name: string;
  /** A Bicep string literal's text, or undefined when the value is an expression or a secret. */
  literal?: string;
  /** The Bicep expression, when the value is not a literal. */
  expression?: string;
  /** The container app secret it comes from. */
  secretRef?: string;
}

/** The container's environment variables as the container app module writes them (one `{ name: ..., value|secretRef: ... }` a line). */
export function templateSettings(bicep: string): TemplateSetting[] {
  const env = /\benv: \[\n([\s\S]*?)\n\s*\]/.exec(bicep);
  if (!env) throw new Error('The container app module has no env list');
  return env[1]
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('//'))
    .map((line) => {
      const match = /^\{ name: '([^']+)', (value|secretRef): (.+) \}$/.exec(line);
      if (!match) throw new Error(`Unexpected env line: ${line}`);
      const [, name, kind, raw] = match;
      if (kind === 'secretRef') return { name, secretRef: raw.replace(/^'|'$/g, '') };
      const literal = /^'([^']*)'$/.exec(raw);
      return literal ? { name, literal: literal[1] } : { name, expression: raw };
    });
}

/** `param name type = 'default'` of a Bicep file (string and int defaults). */
export function paramDefault(bicep: string, name: string): string | undefined {
  const match = new RegExp(`^param ${name} \\w+ = (?:'([^']*)'|(\\d+))$`, 'm').exec(bicep);
  return match ? (match[1] ?? match[2]) : undefined;
}

/** `var name = value` of a Bicep file. */
export function variable(bicep: string, name: string): string | undefined {
  return new RegExp(`^var ${name} = (.+)$`, 'm').exec(bicep)?.[1];
}
