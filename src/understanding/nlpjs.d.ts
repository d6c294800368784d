/* The parts of NLP.js (@nlpjs/*, plain JavaScript) that Stepwise uses. */
declare module '@nlpjs/core' {
  export interface Container {
    use(plugin: unknown): unknown;
  }
  export function containerBootstrap(settings?: Record<string, unknown>): Container;
}

declare module '@nlpjs/lang-en-min' {
  export const LangEn: unknown;
  export class StopwordsEn {
    isStopword(token: string): boolean;
  }
}

declare module '@nlpjs/nlp' {
  import type { Container } from '@nlpjs/core';
  export interface NlpClassification {
    intent: string;
    score: number;
  }
  export interface NlpEntity {
    entity: string;
    option?: string;
    sourceText: string;
    utteranceText: string;
    start: number;
    end: number;
    accuracy: number;
    type: string;
  }
  export class Nlp {
    constructor(settings: Record<string, unknown>);
    settings: Record<string, unknown>;
    addDocument(locale: string, utterance: string, intent: string): void;
    addNerRuleOptionTexts(locale: string, name: string, option: string, texts: string[]): void;
    train(): Promise<void>;
    nluManager: {
      process(input: { locale: string; utterance: string; settings?: Record<string, unknown> }): Promise<{ classifications: NlpClassification[] }>;
    };
    extractEntities(locale: string, utterance: string): Promise<{ entities: NlpEntity[] }>;
  }
}

declare module '@nlpjs/lang-es' {
  export const LangEs: unknown;
  export class StopwordsEs {
    isStopword(token: string): boolean;
  }
}
