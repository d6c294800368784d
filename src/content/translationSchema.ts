import { z } from 'zod';
import { answerNames, lexiconSchema, messagesSchema } from './schema';
import { entitiesFileSchema, intentsFileSchema } from './understandingSchema';

const text = z.string().trim().min(1, 'must not be empty');
const reviewSource = z.enum(['help page', 'written for Stepwise, needs review by support']);

/**
 * What another language's tree (src/content/<language>) holds: only the words. Everything else (step
 * order, timings, what a step expects, context rules, error patterns, policy) comes from the English tree,
 * so a translation cannot change how the conversation behaves.
 */

/** Sections technicians and support staff read: they stay in English (src/content/messages.json). */
export const staffMessageSections = ['desk', 'supportDashboard', 'handoffSummary', 'handoffCard', 'handoffReasons'] as const;

export const translatedMessagesSchema = messagesSchema
  .omit(Object.fromEntries(staffMessageSections.map((name) => [name, true])) as Record<(typeof staffMessageSections)[number], true>)
  .extend({ source: reviewSource });

export const translatedStepSchema = z.strictObject({
  title: text,
  text: text,
  spoken: text.optional(),
  hint: text,
  answers: z.partialRecord(z.enum(answerNames), text).optional(),
});

export const translatedClientSchema = z.strictObject({
  id: z.string(),
  source: reviewSource,
  /** Only where the name is words rather than a product's name ("Outlook 2010 or later", "your mail program"). */
  displayName: text.optional(),
  versionLabel: text.optional(),
  steps: z.array(translatedStepSchema),
});

/** The classifier of another language learns from its own examples; the context rules are the English file's. */
export const translatedIntentsSchema = intentsFileSchema.pick({ source: true, codeNamedAsGone: true, shorthand: true, clarifyLabels: true, intents: true });

/** Added to the English entities: how this language's customers name programs, what its programs' errors say. */
export const translatedEntitiesSchema = z.strictObject({
  source: reviewSource,
  programs: z.array(z.strictObject({ id: z.string(), synonyms: z.array(text).min(1) })).default([]),
  nameCues: z.array(text).default([]),
  notNames: z.array(text).default([]),
  errorCodes: entitiesFileSchema.shape.errorCodes.default([]),
  /** This language's names of the Tools menu ("herramientas"). */
  toolsMenuWords: z.array(text).default([]),
});

/** The customer's phrases in this language; the desk's commands are the technicians' (English). */
export const translatedLexiconSchema = lexiconSchema.omit({ desk: true, languageChoice: true });

export type TranslatedMessages = z.infer<typeof translatedMessagesSchema>;
export type TranslatedClient = z.infer<typeof translatedClientSchema>;
export type TranslatedIntents = z.infer<typeof translatedIntentsSchema>;
export type TranslatedEntities = z.infer<typeof translatedEntitiesSchema>;
export type TranslatedLexicon = z.infer<typeof translatedLexiconSchema>;
