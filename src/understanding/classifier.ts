import { containerBootstrap } from '@nlpjs/core';
import { LangEn } from '@nlpjs/lang-en-min';
import { Nlp } from '@nlpjs/nlp';
import type { Intent } from '../content/understandingSchema';

export interface Classification {
  intent: Intent | 'None';
  score: number;
}

/**
 * The intent classifier: NLP.js's neural network, trained in-process from the examples in
 * src/content/understanding/intents.json (no network, no model files). `nlp` is shared with the
 * entity extractor, which registers its rules on the same instance.
 */
export class IntentClassifier {
  readonly nlp: Nlp;

  constructor() {
    const container = containerBootstrap();
    container.use(LangEn);
    // nlu.log: false keeps the trainer from printing every epoch; sentiment is not used. Entities match
    // exactly (threshold 1, a dictionary look-up): typos are corrected before, against the same words.
    this.nlp = new Nlp({
      languages: ['en'],
      autoSave: false,
      autoLoad: false,
      container,
      calculateSentiment: false,
      nlu: { log: false, useNoneFeature: true },
      ner: { threshold: 1 },
    });
  }

  add(example: string, intent: Intent): void {
    this.nlp.addDocument('en', example, intent);
  }

  train(): Promise<void> {
    return this.nlp.train();
  }

  /** Every intent with its score, best first ("None" when nothing fits). */
  async classify(text: string): Promise<Classification[]> {
    const { classifications } = await this.nlp.nluManager.process({ locale: 'en', utterance: text, settings: {} });
    return classifications as Classification[];
  }
}
