import { z } from 'zod';

const text = z.string().trim().min(1, 'must not be empty');
const phraseList = z.array(text);

export const stepSchema = z.object({
  title: text,
  text: text,
  /** The same instruction as a short spoken sentence (voice channels); defaults to text without markup. */
  spoken: text.optional(),
  hint: text,
  /** How long the step may reasonably take, for silence check-ins (e.g. restarting the mail program). */
  expectedSeconds: z.number().int().positive().optional(),
});

export const clientSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, 'must be lower-case letters, digits and dashes'),
  /** Position in the client list (the seed's order: 1 Outlook Express, 2 Microsoft Outlook). */
  order: z.number().int().positive(),
  displayName: text,
  aliases: z.array(text).min(1, 'must list at least one alias'),
  versions: z.array(text).default([]),
  steps: z.array(stepSchema).min(1, 'must have at least one step'),
});

const intentSchema = z.object({ exact: phraseList, contains: phraseList });

export const intentNames = [
  'human',
  'startOver',
  'frustration',
  'cancelHandoff',
  'help',
  'repeat',
  'back',
  'wait',
  'done',
  'worked',
  'failed',
  'sameError',
  'differentError',
  'resume',
  'forgetMe',
] as const;
export type IntentName = (typeof intentNames)[number];

export const lexiconSchema = z.object({
  fillerWords: phraseList,
  intents: z.object(Object.fromEntries(intentNames.map((name) => [name, intentSchema])) as Record<IntentName, typeof intentSchema>),
  ordinals: z.array(phraseList.min(1)).min(1),
  /** Mail programs without a guided procedure, by name (they go to a technician). */
  otherPrograms: phraseList,
  /** "Another program", "none of these": a program not in the list, unnamed. */
  somethingElse: phraseList,
  errorReport: phraseList,
});

export const buttonNames = [
  'done',
  'repeat',
  'back',
  'help',
  'technician',
  'otherProgram',
  'worked',
  'stillFailing',
  'sameError',
  'differentError',
  'continue',
  'startOver',
] as const;
export type ButtonName = (typeof buttonNames)[number];

export const handoffReasonNames = [
  'customerAsked',
  'repeatedMisses',
  'frustration',
  'unsupportedClient',
  'verificationFailedSame',
  'verificationFailedDifferent',
] as const;
export type HandoffReason = (typeof handoffReasonNames)[number];

export const messageNames = [
  'greeting',
  'explain550',
  'errorRecognized',
  'askClient',
  'clientNotUnderstood',
  'unsupportedClient',
  'unknownProgramName',
  'procedureIntro',
  'stepHeading',
  'stepFooter',
  'reprompt',
  'hintIntro',
  'notText',
  'notTextBeforeSteps',
  'alreadyAtFirstStep',
  'wait',
  'startOver',
  'verifyAsk',
  'verifyReprompt',
  'verifyWorked',
  'verifyFailedCheck',
  'verifyFailedCheckReprompt',
  'handoffStarted',
  'handoffAlternatives',
  'handoffWaiting',
  'handoffCancelled',
  'completedAlready',
  'turnError',
  'returningOnStep',
  'returningVerifying',
  'returningReprompt',
  'forgotten',
  'storageUnavailable',
] as const;
export type MessageName = (typeof messageNames)[number];

export const messagesSchema = z.object({
  ...(Object.fromEntries(messageNames.map((name) => [name, text])) as Record<MessageName, typeof text>),
  buttons: z.object(Object.fromEntries(buttonNames.map((name) => [name, text])) as Record<ButtonName, typeof text>),
  handoffReasons: z.object(Object.fromEntries(handoffReasonNames.map((name) => [name, text])) as Record<HandoffReason, typeof text>),
});

export const policySchema = z.object({
  /** Replies in a row on one step that neither advance nor are a command before a technician is brought in. */
  missesBeforeHandoff: z.number().int().min(1).max(10),
  /** Longest customer message the bot reads; the rest is ignored (never echoed back). */
  maxInputCharacters: z.number().int().min(100),
  /** Messages from the transcript the handoff summary quotes. */
  summaryRecentMessages: z.number().int().min(1).max(20),
});

export type StepContent = z.infer<typeof stepSchema>;
export type ClientContent = z.infer<typeof clientSchema>;
export type Lexicon = z.infer<typeof lexiconSchema>;
export type Messages = z.infer<typeof messagesSchema>;
export type Policy = z.infer<typeof policySchema>;
