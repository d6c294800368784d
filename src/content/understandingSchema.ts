import { z } from 'zod';

const text = z.string().trim().min(1, 'must not be empty');
const reviewSource = z.enum(['help page', 'written for Stepwise, needs review by support']);

/**
 * What the classifier is trained to tell apart. Context rules (src/understanding/contexts.ts) turn
 * yes/no and their like into what they mean where they are said ("yes" on a step is done).
 */
export const intentNames = [
  'done',
  'alreadyDone',
  'observe',
  'repeat',
  'back',
  'help',
  'noMenu',
  'cant',
  'wait',
  'whereWasI',
  /** The steps sent somewhere the customer can read them (a caller's phone, by text message). */
  'sendSteps',
  'human',
  'startOver',
  'frustration',
  'complaint',
  'worked',
  'failed',
  'sameError',
  'differentError',
  'program',
  'otherProgram',
  'forgetMe',
  'cancel',
  'resume',
  'yes',
  'no',
  'greet',
  'thanks',
  'reportError',
  'ask.password',
  'ask.smtp',
  'ask.safety',
  'ask.duration',
  'ask.why',
  'ask.loseMail',
  'ask.port',
  'ask.spa',
  'ask.testEmail',
  'ask.outbox',
  'ask.mailProgram',
  'ask.stepValue',
  'ask.incoming',
  /** Chit-chat and anything else off the subject: trained so such messages do not land on a real intent. */
  'offTopic',
] as const;
export type Intent = (typeof intentNames)[number];
export type QuestionIntent = Extract<Intent, `ask.${string}`>;
export const questionIntents = intentNames.filter((name): name is QuestionIntent => name.startsWith('ask.'));

/** Entity markers an example may use; the extractor puts the same marker where it found the entity. */
export const entityMarkers = ['program', 'server', 'email', 'name', 'errorCode'] as const;
export type EntityKind = (typeof entityMarkers)[number];

const intentSchema = z.object({
  /** Whole messages that mean this intent for sure (buttons' words, "done", "brb"): no classifier needed. */
  commands: z.array(text),
  /** Training examples for the classifier; {program}, {server}, ... stand for an entity. */
  examples: z.array(text),
});

export const understandingContexts = ['choosing', 'version', 'steps', 'verifying', 'errorKind', 'waiting', 'returning', 'confirming'] as const;
const intentEnum = z.enum(intentNames);

export const intentsFileSchema = z.object({
  source: reviewSource,
  /** Per context: an intent and what it means there ("yes" on a step is "done"). */
  contexts: z.partialRecord(z.enum(understandingContexts), z.partialRecord(intentEnum, intentEnum)),
  /** Error codes that are the error these steps fix (the rest are "a different error"). */
  sameErrorCodes: z.array(text).min(1),
  /**
   * How a message says an error code is gone ("no 550 this time", "not getting 550 anymore"): a negation read back
   * from the code over filler words. Words as normalized: lower case, no punctuation or apostrophes ("dont").
   */
  codeNamedAsGone: z.object({ negations: z.array(text).min(1), fillers: z.array(text) }),
  /** Texting shorthand, word for word, read as the words it stands for ("xq" -> "por que", "pls" -> "please"). */
  shorthand: z.record(z.string().regex(/^[a-z0-9]+$/, 'must be one normalized word'), text).default({}),
  /** Intents that lose or change a lot when acted on ("start over") need more confidence than the rest. */
  minimumConfidence: z.partialRecord(intentEnum, z.number().min(0).max(1)),
  /** How a clarifying question names an intent ("Did you mean: I've done this step / Help with this step?"). */
  clarifyLabels: z.partialRecord(intentEnum, text),
  intents: z
    .object(Object.fromEntries(intentNames.map((name) => [name, intentSchema])) as Record<Intent, typeof intentSchema>)
    .strict(),
});

const programSchema = z.object({
  /** A procedure's client id, "outlook" (version not known yet), "new-outlook", or "other:<name>". */
  id: z.string().regex(/^(?:[a-z0-9-]+|other:[a-z0-9 .!-]+)$/, 'must be a client id, outlook, new-outlook or other:<name>'),
  synonyms: z.array(text).min(1),
  /** For other programs: how the bot names it ("Thunderbird"). */
  name: text.optional(),
  /**
   * For other programs: a desktop mail program (the general steps may work), a phone or another provider's mail
   * (they do not), or this ISP's own webmail in a browser (it needs no change: the error comes from a program).
   */
  kind: z.enum(['desktop', 'phoneOrWeb', 'webmail']).optional(),
});

export const entitiesFileSchema = z.object({
  source: reviewSource,
  programs: z.array(programSchema).min(1),
  /** Last labels a host name may end with (so "john.smith" is not taken for a server). */
  topLevelDomains: z.array(text).min(1),
  /** Error signatures: a regular expression (case-insensitive) and the code it stands for. */
  errorCodes: z.array(z.object({ code: text, pattern: text })),
  /** Words after which a single word is what a box shows ("it just says bob"). */
  nameCues: z.array(text),
  /** Words after those cues that are not a value ("it says nothing"). */
  notNames: z.array(text),
  /** Outlook of unknown version: the procedure for a window with a Tools menu at the top, and for one without. */
  outlookByToolsMenu: z.object({
    withToolsMenu: text,
    withoutToolsMenu: text,
    /**
     * How customers name that menu ("tools", "herramientas"): an answer that names it says whether it is there
     * ("yes it has a Tools menu", "no Tools menu at the top"), whatever else its words resemble.
     */
    menuWords: z.array(text).default([]),
  }),
});

const answerSchema = z.object({ text, spoken: text.optional() });

/** Answers to questions customers ask; per-step answers (clients/*.json `answers`) take precedence. */
export const answersFileSchema = z.object({
  source: reviewSource,
  answers: z.object(Object.fromEntries(questionIntents.map((name) => [name, answerSchema])) as Record<QuestionIntent, typeof answerSchema>).strict(),
  /** What a different error means, by its code (entities.json `errorCodes`), said before the technician is brought in. */
  errors: z.record(text, answerSchema),
});

export type IntentsFile = z.infer<typeof intentsFileSchema>;
export type EntitiesFile = z.infer<typeof entitiesFileSchema>;
export type AnswersFile = z.infer<typeof answersFileSchema>;
export type ProgramEntry = z.infer<typeof programSchema>;
export type Answer = z.infer<typeof answerSchema>;
