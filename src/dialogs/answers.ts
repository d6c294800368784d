import type { Content } from '../content/loader';
import type { StepContent } from '../content/schema';
import type { Intent, QuestionIntent } from '../content/understandingSchema';
import type { Lead } from './replies';

/** A question a customer asks, or a menu they cannot find: what the knowledge base answers. */
export type AnswerName = QuestionIntent | 'noMenu';

export function isQuestion(intent: Intent | 'None'): intent is QuestionIntent {
  return intent.startsWith('ask.');
}

/** The answer for this step if it has its own (what its box should hold, its SPA box), else the general one. */
export function answerFor(content: Content, name: AnswerName, step?: StepContent): Lead | undefined {
  const own = (step?.answers as Partial<Record<AnswerName, string>> | undefined)?.[name];
  if (own) return { text: own };
  return name === 'noMenu' ? undefined : content.understanding.answers.answers[name];
}
