import { createHash } from 'node:crypto';
import { Language, languages } from '../content/languages';
import type { Content } from '../content/loader';
import type { Intent } from '../content/understandingSchema';
import { Understanding } from './understanding';

/** Button labels are exact commands too: pressing "Still failing" needs no classifier. */
function buttonCommands(content: Content): [string, Intent][] {
  const { buttons } = content.messages;
  const byButton: Partial<Record<keyof typeof buttons, Intent>> = {
    done: 'done',
    repeat: 'repeat',
    back: 'back',
    help: 'help',
    technician: 'human',
    otherProgram: 'otherProgram',
    worked: 'worked',
    stillFailing: 'failed',
    sameError: 'sameError',
    differentError: 'differentError',
    continue: 'resume',
    startOver: 'startOver',
    switchYes: 'yes',
    switchNo: 'no',
    tryGeneral: 'yes',
    yesTechnician: 'human',
    tools: 'yes',
  };
  const labels = Object.entries(content.understanding.intents.clarifyLabels) as [Intent, string][];
  return [
    ...Object.entries(byButton).map(([button, intent]): [string, Intent] => [buttons[button as keyof typeof buttons], intent]),
    ...labels.map(([intent, label]): [string, Intent] => [label, intent]),
  ];
}

/**
 * Models trained in this process, by what they were trained from. Content loaded again (every app a test
 * starts, a reload) trains nothing new when its words are the same; a few are kept, the oldest dropped.
 */
const trained = new Map<string, Promise<Understanding>>();
const modelsKept = 4;

function trainingInput(content: Content): { key: string; commands: [string, Intent][] } {
  const { intents, entities } = content.understanding;
  const commands = buttonCommands(content);
  const key = createHash('sha256').update(JSON.stringify([content.language, intents, entities, commands])).digest('hex');
  return { key, commands };
}

/** The understanding trained from this content (one language), trained once and shared (training takes about a second). */
export function trainedUnderstanding(content: Content): Promise<Understanding> {
  const { key, commands } = trainingInput(content);
  let model = trained.get(key);
  if (!model) {
    const { intents, entities } = content.understanding;
    model = Understanding.train(intents, entities, commands, undefined, content.language);
    // A failed training is not kept: the next load tries again.
    model.catch(() => trained.delete(key));
    trained.set(key, model);
    if (trained.size > modelsKept) trained.delete(trained.keys().next().value!);
  }
  return model;
}

/**
 * Every language's understanding, trained when first asked for (the first turn, or start-up once the state
 * store has answered): training holds the CPU for seconds, and a start-up check of the store would time out
 * behind it.
 */
export class LanguageModels {
  private trainedModels?: Record<Language, Promise<Understanding>>;

  constructor(private readonly content: Content) {}

  get byLanguage(): Record<Language, Promise<Understanding>> {
    this.trainedModels ??= trainedUnderstandings(this.content);
    return this.trainedModels;
  }

  /** Every language's model, trained. */
  all(): Promise<Understanding[]> {
    const models = this.byLanguage;
    return Promise.all(languages.map((language) => models[language]));
  }
}

/** Every language's understanding, trained from the content's translations. */
export function trainedUnderstandings(content: Content): Record<Language, Promise<Understanding>> {
  return Object.fromEntries(languages.map((language) => [language, trainedUnderstanding(content.localized[language])])) as Record<Language, Promise<Understanding>>;
}
