import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface Instruction {
  keyword: string;
  /** The rest of the line, continuations joined. */
  args: string;
}

export interface Stage {
  name: string;
  /** The base image, ARG defaults substituted. */
  from: string;
  instructions: Instruction[];
}

/** The project's Dockerfile as stages of instructions (comments dropped, `\` continuations joined). */
export function readDockerfile(file = path.resolve(__dirname, '..', '..', 'Dockerfile')): Stage[] {
  const logical = readFileSync(file, 'utf8')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const args = new Map<string, string>();
  const stages: Stage[] = [];
  for (const line of logical) {
    const [, keyword, rest] = /^(\S+)\s+(.*)$/.exec(line)!;
    const instruction = { keyword: keyword.toUpperCase(), args: rest.replace(/\s+/g, ' ') };
    if (instruction.keyword === 'ARG' && stages.length === 0) {
      const [name, value = ''] = instruction.args.split('=');
      args.set(name, value);
    } else if (instruction.keyword === 'FROM') {
      const [image, , name] = instruction.args.split(' ');
      stages.push({ name: name ?? String(stages.length), from: image.replace(/\$\{(\w+)\}/g, (_, arg: string) => args.get(arg) ?? ''), instructions: [] });
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return stages;
}

export function stage(stages: Stage[], name: string): Stage {
  const found = stages.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`The Dockerfile has no stage named ${name}`);
  return found;
}

/** The arguments of every instruction of one kind in a stage, in order. */
export function argsOf(stage: Stage, keyword: string): string[] {
  return stage.instructions.filter((instruction) => instruction.keyword === keyword).map((instruction) => instruction.args);
}

/** ENV lines (`A=1 B=2`, or the old `A 1`) as a map. */
export function envOf(stage: Stage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const args of argsOf(stage, 'ENV')) {
    if (!args.includes('=')) {
      const [name, ...value] = args.split(' ');
      env[name] = value.join(' ');
      continue;
    }
    for (const pair of args.split(' ')) {
      const [name, value] = pair.split('=');
      env[name] = value.replace(/^"|"$/g, '');
    }
  }
  return env;
}

/** An exec-form instruction (`CMD ["node", "dist/index.js"]`) as its argument list. */
export function execForm(args: string): string[] {
  return JSON.parse(args.replace(/^CMD /, '')) as string[];
}
