import { Language, languages } from '../content/languages';
import type { Content } from '../content/loader';
import type { Intent } from '../content/understandingSchema';
import { Understanding } from './understanding';

const trained = new WeakMap<Content['understanding'], Promise<Understanding>>();

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

/** The understanding trained from this content (one language), trained once and shared (training takes a few hundred ms). */
export function trainedUnderstanding(content: Content): Promise<Understanding> {
  let model = trained.get(content.understanding);
  if (!model) {
    const { intents, entities } = content.understanding;
    model = Understanding.train(intents, entities, buttonCommands(content), undefined, content.language);
    trained.set(content.understanding, model);
  }
  return model;
}

/** Every language's understanding, trained from the content's translations. */
export function trainedUnderstandings(content: Content): Record<Language, Promise<Understanding>> {
  return Object.fromEntries(languages.map((language) => [language, trainedUnderstanding(content.localized[language])])) as Record<Language, Promise<Understanding>>;
}
