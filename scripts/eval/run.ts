/**
 * npm run eval: measures the understanding against eval/messages.<language>.json (English and Spanish), sets
 * of customer messages written separately from the training examples, read as the bot reads a customer's
 * message in that language (src/understanding/turnUnderstanding.ts). Prints accuracy per intent, the
 * confusion pairs and entity accuracy; exits 1 below 90% overall or 80% for any intent, in any language.
 * `npm run eval -- es` runs one language; `npm run eval -- path/to/file.json en` one file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/config/config';
import { loadContent } from '../../src/content/loader';
import type { Understood, UnderstandingContext } from '../../src/understanding/understanding';
import { isLanguage, Language, languages } from '../../src/content/languages';
import { trainedUnderstandings } from '../../src/understanding/trained';
import { readBilingual } from '../../src/understanding/turnUnderstanding';

interface EvalMessage {
  text: string;
  context: UnderstandingContext;
  intent: string;
  entities?: Record<string, string | null>;
}

const overallBar = 0.9;
const intentBar = 0.8;

function entityValue(understood: Understood, kind: string): string | undefined {
  const { entities } = understood;
  if (kind === 'program') return entities.program?.id;
  return (entities as Record<string, string | undefined>)[kind];
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const file = args.find((arg) => arg.endsWith('.json'));
  const only = args.find(isLanguage);
  const runs: [Language, string][] = file
    ? [[only ?? 'en', file]]
    : languages.filter((language) => !only || language === only).map((language) => [language, path.resolve(__dirname, '..', '..', 'eval', `messages.${language}.json`)]);
  const content = loadContent(loadConfig({}).isp);
  const started = performance.now();
  const models = trainedUnderstandings(content);
  await Promise.all(Object.values(models));
  const trainMs = performance.now() - started;
  let passed = true;
  for (const [language, messagesFile] of runs) passed = (await evaluate(language, messagesFile, models, trainMs)) && passed;
  process.exitCode = passed ? 0 : 1;
}

async function evaluate(language: Language, file: string, models: ReturnType<typeof trainedUnderstandings>, trainMs: number): Promise<boolean> {
  const messages = JSON.parse(fs.readFileSync(file, 'utf8')) as EvalMessage[];

  const perIntent = new Map<string, { right: number; total: number }>();
  const confusions = new Map<string, string[]>();
  let right = 0;
  let entityChecks = 0;
  let entityRight = 0;
  const entityMisses: string[] = [];
  const classifyStarted = performance.now();
  for (const message of messages) {
    const { model, understood: read } = await readBilingual(message.text, language, models);
    const understood = model.inContext(read, message.context);
    const got = understood.unsure ? `unsure(${understood.unsure.join('|')})` : understood.intent;
    const ok = understood.intent === message.intent && !understood.unsure;
    const tally = perIntent.get(message.intent) ?? { right: 0, total: 0 };
    tally.total += 1;
    if (ok) {
      tally.right += 1;
      right += 1;
    } else {
      const pair = `${message.intent} -> ${got}`;
      confusions.set(pair, [...(confusions.get(pair) ?? []), message.text]);
    }
    perIntent.set(message.intent, tally);
    for (const [kind, expected] of Object.entries(message.entities ?? {})) {
      entityChecks += 1;
      const actual = entityValue(understood, kind);
      if ((actual ?? null) === expected) entityRight += 1;
      else entityMisses.push(`${kind}: expected ${expected}, got ${actual ?? 'nothing'}  <- ${message.text}`);
    }
  }
  const perMessageMs = (performance.now() - classifyStarted) / messages.length;

  const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
  console.log(`Understanding evaluation (${language}): ${messages.length} messages from ${path.relative(process.cwd(), file)}`);
  console.log(`training (every language) ${trainMs.toFixed(0)} ms, ${perMessageMs.toFixed(2)} ms per message\n`);
  console.log('intent'.padEnd(18) + 'right/total  accuracy');
  const failing: string[] = [];
  for (const [intent, { right: r, total }] of [...perIntent].sort((a, b) => a[0].localeCompare(b[0]))) {
    const accuracy = r / total;
    if (accuracy < intentBar) failing.push(intent);
    console.log(`${intent.padEnd(18)}${`${r}/${total}`.padStart(11)}  ${pct(accuracy).padStart(7)}${accuracy < intentBar ? '  below 80%' : ''}`);
  }
  const overall = right / messages.length;
  console.log(`\noverall: ${right}/${messages.length} = ${pct(overall)}; entities: ${entityRight}/${entityChecks} = ${pct(entityRight / Math.max(entityChecks, 1))}`);
  if (confusions.size) {
    console.log('\nconfusion pairs (expected -> understood):');
    for (const [pair, texts] of [...confusions].sort((a, b) => b[1].length - a[1].length)) {
      console.log(`  ${String(texts.length).padStart(3)}  ${pair}: ${texts.map((t) => JSON.stringify(t)).join(', ')}`);
    }
  }
  if (entityMisses.length) console.log(`\nentity misses:\n  ${entityMisses.join('\n  ')}`);
  const passed = overall >= overallBar && failing.length === 0;
  console.log(`\n${passed ? 'PASS' : 'FAIL'} (${language}): overall ${pct(overall)} (bar ${pct(overallBar)}), intents below ${pct(intentBar)}: ${failing.join(', ') || 'none'}\n`);
  return passed;
}

main().catch((error: Error) => {
  console.error(error);
  process.exitCode = 1;
});
