import { containerBootstrap } from '@nlpjs/core';
import { LangEn } from '@nlpjs/lang-en-min';
import { LangEs } from '@nlpjs/lang-es';
import { Nlp } from '@nlpjs/nlp';
import type { Language } from '../content/languages';
import type { Intent } from '../content/understandingSchema';

/** NLP.js's tokenizer, stemmer and stop words for each language. */
const languagePlugins: Record<Language, unknown> = { en: LangEn, es: LangEs };

export interface Classification {
  intent: Intent | 'None';
  score: number;
}

/**
 * The intent classifier: NLP.js's neural network, trained in-process from the examples in
 * src/content/understanding/intents.json and its translations (no network, no model files). `nlp` is shared with the
 * entity extractor, which registers its rules on the same instance.
 */
export class IntentClassifier {
  readonly nlp: Nlp;

  constructor(private readonly language: Language = 'en') {
    const container = containerBootstrap();
    container.use(languagePlugins[language]);
    // nlu.log: false keeps the trainer from printing every epoch; sentiment is not used. Entities match
    // exactly (threshold 1, a dictionary look-up): typos are corrected before, against the same words.
    this.nlp = new Nlp({
      languages: [language],
      autoSave: false,
      autoLoad: false,
      container,
      calculateSentiment: false,
      nlu: { log: false, useNoneFeature: true },
      ner: { threshold: 1 },
    });
  }

  add(example: string, intent: Intent): void {
    this.nlp.addDocument(this.language, example, intent);
  }

  train(): Promise<void> {
    return this.nlp.train();
  }

  /** Every intent with its score, best first ("None" when nothing fits). */
  async classify(text: string): Promise<Classification[]> {
    const { classifications } = await this.nlp.nluManager.process({ locale: this.language, utterance: text, settings: {} });
    return classifications as Classification[];
  }
}
