import { z } from 'zod';
import { type Language, languages } from './languages';

const text = z.string().trim().min(1, 'must not be empty');
const phraseList = z.array(text);

/** What a step sets up, so what a customer says they see can be compared with what the step wants. */
export const expectKinds = [
  /** The outgoing server must be {smtpServer}. */
  'server',
  /** The full address, ending @{mailDomain}. */
  'address',
  /** A tick box must be ticked. */
  'checkbox',
  /** Opening a menu, window or tab. */
  'menu',
  /** Anything else: pressing buttons, saving. */
  'action',
] as const;
export type ExpectKind = (typeof expectKinds)[number];

/** Questions a customer may ask on a step, answered by the step's own text when it has one. */
export const answerNames = [
  /** Secure Password Authentication: tick it or not? */
  'ask.spa',
  /** What goes in the box this step names. */
  'ask.stepValue',
  /** Whether to change the incoming server too. */
  'ask.incoming',
  /** Port numbers, SSL or encryption. */
  'ask.port',
  /** The menu, window or button the step names is not there. */
  'noMenu',
] as const;
export type AnswerName = (typeof answerNames)[number];

/** Where a procedure comes from: the ISP's help page, or written for Stepwise and still to be checked by support. */
export const clientSources = ['help page', 'written for Stepwise, needs review by support'] as const;
export type ClientSource = (typeof clientSources)[number];

const clientId = z.string().regex(/^[a-z0-9-]+$/, 'must be lower-case letters, digits and dashes');

const expectsSchema = z.strictObject(
  { kind: z.enum(expectKinds, { error: () => `must be one of ${expectKinds.join(', ')}` }) },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `has unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}; only kind is allowed` : undefined) },
);

const answersSchema = z.strictObject(
  Object.fromEntries(answerNames.map((name) => [name, text.optional()])) as Record<AnswerName, z.ZodOptional<typeof text>>,
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `has unknown question ${issue.keys.map((k) => `"${k}"`).join(', ')}; allowed: ${answerNames.join(', ')}`
        : undefined,
  },
);

export const stepSchema = z.object({
  title: text,
  text: text,
  /** The same instruction as a short spoken sentence (voice channels); defaults to text without markup. */
  spoken: text.optional(),
  hint: text,
  /** How long the step may reasonably take, for silence check-ins (e.g. restarting the mail program). */
  expectedSeconds: z.number().int().positive().optional(),
  /** What the step sets up (server, address, checkbox, menu or action). */
  expects: expectsSchema.optional(),
  /** Answers to questions a customer may ask on this step, by question name. */
  answers: answersSchema.optional(),
});

export const clientSchema = z.object({
  id: clientId,
  /** Position in the client list (the seed's order: 1 Outlook Express, 2 Microsoft Outlook). */
  order: z.number().int().positive(),
  displayName: text,
  aliases: z.array(text).min(1, 'must list at least one alias'),
  versions: z.array(text).default([]),
  /** Where the steps come from; "written for Stepwise, needs review by support" until support has checked them. */
  source: z.enum(clientSources, { error: () => `must be ${clientSources.map((s) => `"${s}"`).join(' or ')}` }),
  /** Offered as a choice in the first "Which mail program do you use?" question. */
  listed: z.boolean().default(true),
  /** The id of the listed client this one is a version of (Outlook 2007 is a version of microsoft-outlook). */
  family: clientId.optional(),
  /** Short label for the version question ("Outlook 2007"); required for a client with a family or named as one. */
  versionLabel: text.optional(),
  /** A procedure for any mail program, not one product. */
  generic: z.boolean().optional(),
  steps: z.array(stepSchema).min(1, 'must have at least one step'),
});

const intentSchema = z.object({ exact: phraseList, contains: phraseList });

/**
 * Exact phrase lists for what must never be guessed while a technician may be on the other end (the
 * waiting room, the relay) and for "forget me"; everything else is understood by the classifier
 * (src/content/understanding).
 */
export const intentNames = [
  'startOver',
  'frustration',
  'cancelHandoff',
  'forgetMe',
  'failed',
  'fixedIt',
  /** Outside business hours: yes to a technician calling back ("call me back", "yes please"). */
  'callMeBack',
] as const;
export type IntentName = (typeof intentNames)[number];

export const lexiconSchema = z.object({
  fillerWords: phraseList,
  intents: z.object(Object.fromEntries(intentNames.map((name) => [name, intentSchema])) as Record<IntentName, typeof intentSchema>),
  ordinals: z.array(phraseList.min(1)).min(1),
  /** The words for each digit, 0 to 9, as speech recognition may write them in a phone number ("two one four…"). */
  digits: z.array(phraseList.min(1)).length(10),
  /** Words after "password is" that are not a password ("my password is wrong"). */
  notPasswords: phraseList,
  /** Cancels a technician request, or ends the chat with one ("never mind", "end chat"). */
  handoffCancel: phraseList,
  /** What a technician types at the desk (whole message; take and resume are followed by a reference or a step). */
  desk: z.object({ queue: phraseList, takeNext: phraseList, take: phraseList, end: phraseList, resume: phraseList, help: phraseList }),
  /**
   * A customer choosing the language to be helped in ("español", "in English please"), whatever language they
   * write it in: `exact` is the whole message, `contains` a request inside a longer one ("puedo hablar en español").
   */
  languageChoice: z.object({ en: intentSchema, es: intentSchema }),
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
  'switchYes',
  'switchNo',
  'tryGeneral',
  'yesTechnician',
  'tools',
  'noTools',
  /** On the greeting: the other language, named in itself ("Español" in English, "English" in Spanish). */
  'otherLanguage',
  /** Outside business hours: a technician calls back when they are open. */
  'callMeBack',
] as const;
export type ButtonName = (typeof buttonNames)[number];

export const handoffReasonNames = [
  'customerAsked',
  'repeatedMisses',
  'frustration',
  'unsupportedClient',
  'verificationFailedSame',
  'verificationFailedDifferent',
  'silence',
  'stuckOnStep',
] as const;
export type HandoffReason = (typeof handoffReasonNames)[number];

export const messageNames = [
  'greeting',
  'explain550',
  'errorRecognized',
  'askClient',
  'choiceSpoken',
  'clientNotUnderstood',
  'unsupportedClient',
  'unknownProgramName',
  'listJoin',
  'procedureIntro',
  'stepHeading',
  'hintIntro',
  'notText',
  'notTextBeforeSteps',
  'pictureNotRead',
  'attachmentNotRead',
  'alreadyAtFirstStep',
  'startOver',
  'verifyAsk',
  'verifyReprompt',
  'verifyWorked',
  'verifyFailedCheck',
  'verifyFailedCheckReprompt',
  'handoffStarted',
  'handoffAlternatives',
  'handoffStartedSpoken',
  'handoffWaiting',
  'handoffCancelled',
  'completedAlready',
  'turnError',
  'passwordWarning',
  'passwordMask',
  'rateLimited',
  'returningOnStep',
  'returningVerifying',
  'returningReprompt',
  'forgotten',
  'storageUnavailable',
  'answerReminder',
  'answerReminderSpoken',
  'valueRight',
  'alreadyDone',
  'serverWrong',
  'addressAddDomain',
  'addressOtherDomain',
  'cantFirst',
  'pause',
  'whereWasI',
  'workedEarly',
  'switchConfirm',
  'switchKept',
  'sameProgram',
  'complaintAck',
  'frustrationAck',
  'clarify',
  'thanksReply',
  'greetReply',
  'reportErrorOnStep',
  'askVersion',
  'versionHelp',
  'newOutlook',
  'phoneOrWeb',
  /** The customer sends from the ISP's webmail: nothing to change there (then the program question, or the step). */
  'webmail',
  'genericOffer',
  'genericOfferReprompt',
  'offerReprompt',
  'errorTextAsk',
  'troubleshootSame',
  'troubleshootSameReprompt',
  'backToLastStep',
  'notUnderstoodStep',
  /** After the customer chose this language: said before the open question again. */
  'languageChanged',
  /** A caller asked for the steps: the text message with the link went to the number ending in {number}. */
  'stepsLinkSent',
  'stepsLinkUnavailable',
] as const;
export type MessageName = (typeof messageNames)[number];

/** Labels of the handoff card that channels without event activities (Teams) show instead of the event. */
export const handoffCardLabelNames = ['title', 'client', 'stepReached', 'stepsCompleted', 'reason', 'detail', 'language', 'recentMessages', 'notKnown'] as const;
export type HandoffCardLabel = (typeof handoffCardLabelNames)[number];

/** What the customer is told about a handoff: queue, hours, the technician joining and leaving, silence check-ins. */
export const handoffMessageNames = [
  'queuePosition',
  'referenceNumber',
  'ticketNumber',
  'alreadyQueued',
  'waiting',
  'keepWorking',
  'cancelled',
  'fixed',
  'fixedCancelled',
  'stillWaiting',
  'stillQueued',
  'noTechnician',
  'startedBeforeSteps',
  'startedBeforeStepsSpoken',
  'afterHours',
  'afterHoursCaller',
  'callbackAskNumber',
  'callbackConfirmed',
  'callbackNoNumber',
  'callbackGiven',
  'callbackKept',
  'unavailable',
  'accepted',
  'failed',
  'completed',
  'completedBeforeSteps',
  'technicianJoined',
  'fromTechnician',
  'technicianLeft',
  'sentBackToStep',
  'chatEnded',
  'onlyTextRelayed',
  'checkIn',
  'checkInTestEmail',
  'silenceOffer',
  'technicianName',
  'hours',
  'dayRange',
] as const;
export type HandoffMessageName = (typeof handoffMessageNames)[number];

/** What technicians see at the desk: the case card, relay, command answers. */
export const deskMessageNames = [
  'cardTitle',
  'labelProgram',
  'labelWhere',
  'labelStepsDone',
  'labelAttempts',
  'labelReason',
  'labelChannel',
  'labelLanguage',
  'labelTicket',
  'labelStatus',
  'labelCustomerSaid',
  'takeButton',
  'noProgram',
  'statusQueued',
  'statusTaken',
  'statusTakenElsewhere',
  'statusCancelled',
  'statusClosed',
  'statusResolved',
  'statusCallback',
  'connected',
  'transcriptHeading',
  'transcriptCustomer',
  'transcriptBot',
  'fromCustomer',
  'queueHeading',
  'queueLine',
  'activeLine',
  'nothingWaiting',
  'alreadyTaken',
  'notFound',
  'busy',
  'notConnected',
  'ended',
  'resumed',
  'badStep',
  'noSteps',
  'customerLeft',
  'customerForgotten',
  'caseForgotten',
  'notTechnician',
  'help',
] as const;
export type DeskMessageName = (typeof deskMessageNames)[number];

/** On voice channels only: prompts that replace reading out every choice. */
export const voicePromptNames = ['voiceStepPrompt', 'voiceChoicePrompt'] as const;

/** The support dashboard's own words (src/server/support): headings, labels, the headline, sign-in. */
export const dashboardTextNames = [
  'title', 'period', 'from', 'to', 'channel', 'program', 'allChannels', 'allPrograms', 'show', 'downloadCsv', 'loading', 'loadFailed', 'noData',
  'conversations', 'contained', 'containedHint', 'handedOff', 'abandoned', 'abandonedHint', 'finished', 'inProgress', 'forgotten',
  'mostLost', 'nothingLost', 'funnel', 'funnelHint', 'step', 'medianTime', 'seconds', 'handoffReasons', 'questions', 'verificationFailures', 'entries',
  'reached', 'completed', 'help', 'askedQuestions', 'stuck', 'stepHandedOff', 'dropped', 'count',
  'signInTitle', 'signInPrompt', 'token', 'signIn', 'signInFailed',
] as const;
export type DashboardTextName = (typeof dashboardTextNames)[number];

export const messagesSchema = z.object({
  ...(Object.fromEntries(messageNames.map((name) => [name, text])) as Record<MessageName, typeof text>),
  /** How a voice reads "@" and "." in addresses and server names ("bob at airmail dot net"). */
  spokenSymbols: z.object({ at: text, dot: text }),
  /** What a voice says instead of a message that speaks of typing, buttons or a chat ("Pick one below"). */
  spoken: z.partialRecord(z.enum([...messageNames, ...voicePromptNames]), text),
  buttons: z.object(Object.fromEntries(buttonNames.map((name) => [name, text])) as Record<ButtonName, typeof text>),
  handoffCard: z.object(Object.fromEntries(handoffCardLabelNames.map((name) => [name, text])) as Record<HandoffCardLabel, typeof text>),
  handoffReasons: z.object(Object.fromEntries(handoffReasonNames.map((name) => [name, text])) as Record<HandoffReason, typeof text>),
  /** How the technician's summary says where the customer is (desk card, ticket, headline). */
  handoffSummary: z.object({
    noProgram: text,
    stuckAtStep: text,
    testEmailFailing: text,
    stepsDone: text,
    unknownProgram: text,
    unknownDetail: text,
    headline: text,
    /** The customer's language as technicians read it ("Spanish"). */
    languages: z.object(Object.fromEntries(languages.map((language) => [language, text])) as Record<Language, typeof text>),
  }),
  handoff: z.object({
    ...(Object.fromEntries(handoffMessageNames.map((name) => [name, text])) as Record<HandoffMessageName, typeof text>),
    /** Sunday first, for business hours. */
    weekdays: z.array(text).length(7, 'must name the 7 days, Sunday first'),
  }),
  desk: z.object(Object.fromEntries(deskMessageNames.map((name) => [name, text])) as Record<DeskMessageName, typeof text>),
  /** The website chat page's own lines, shown around the conversation rather than in it. */
  webChat: z.object({
    /** The window title and heading ({companyName}), and the line under the heading. */
    title: text,
    heading: text,
    tagline: text,
    needsJavaScript: text,
    connecting: text,
    couldNotLoad: text,
    waitingForTechnician: text,
    /** The page makes the number a link that dials it. */
    cannotReach: text.refine((value) => value.includes('{supportPhone}'), 'must include {supportPhone}: the page makes it a link to call'),
  }),
  /** The support dashboard at /support: its texts, and labels for what the outcome events name by id. */
  supportDashboard: z.object({
    texts: z.object(Object.fromEntries(dashboardTextNames.map((name) => [name, text])) as Record<DashboardTextName, typeof text>),
    handoffReasons: z.object(Object.fromEntries(handoffReasonNames.map((name) => [name, text])) as Record<HandoffReason, typeof text>),
    /** How conversations began (greeting, pastedError, returning). */
    entries: z.object({ greeting: text, pastedError: text, returning: text }),
    /** A failed test email's error: the one the steps fix, or none recognized (recognized codes are shown as they are). */
    errors: z.object({ same: text, unrecognized: text }),
    /** Questions by answer name; one without a label here is shown by its name. */
    questions: z.record(z.string(), text),
  }),
  /** What the phone bridge itself says on a call: after silences, around a transfer. */
  phone: z.object({
    silenceOffer: text,
    referenceBeforeTransfer: text.refine((value) => value.includes('{reference}'), 'must include {reference}'),
    goodbyeAfterSilence: text,
    transferFailed: text.refine((value) => value.includes('{reference}'), 'must include {reference}: the caller quotes it when they call'),
    /** The text message with a link to the caller's place in the website chat. */
    stepsLinkText: text.refine((value) => value.includes('{url}'), 'must include {url}'),
  }),
});

export const policySchema = z.object({
  /** Replies in a row on one step that neither advance nor are a command before a technician is brought in. */
  missesBeforeHandoff: z.number().int().min(1).max(10),
  /** Longest customer message the bot reads; the rest is ignored (never echoed back). */
  maxInputCharacters: z.number().int().min(100),
  /** Messages from the transcript the handoff summary quotes. */
  summaryRecentMessages: z.number().int().min(1).max(20),
  /** The recent messages kept with each customer's state for handoffs (they make every state write bigger). */
  transcripts: z.object({
    /** At least what the desk shows a technician who takes a case (20 lines). */
    maxMessagesPerConversation: z.number().int().min(20).max(200),
    /** Longer messages are cut (the desk and the summary show 500 and 300 characters). */
    maxCharactersPerMessage: z.number().int().min(300).max(2000),
  }),
  /** Silence on a step: a check-in after checkInSeconds (or the step's expectedSeconds, if longer), then an offer of a technician. */
  silence: z.object({
    checkInSeconds: z.number().int().min(10),
    /** After the check-in, how long before offering a technician. */
    offerSeconds: z.number().int().min(10),
    /** Waiting for the result of the test email. */
    testEmailSeconds: z.number().int().min(10),
    /** After "brb", "hold on", "give me a minute": the check-in waits at least this long. */
    pausedSeconds: z.number().int().min(10),
    /** A check-in more overdue than this (the bot was down) is dropped. */
    staleAfterSeconds: z.number().int().min(60),
  }),
});

export type StepContent = z.infer<typeof stepSchema>;
export type StepExpects = z.infer<typeof expectsSchema>;
export type StepAnswers = z.infer<typeof answersSchema>;
export type ClientContent = z.infer<typeof clientSchema>;
export type Lexicon = z.infer<typeof lexiconSchema>;
export type Messages = z.infer<typeof messagesSchema>;
export type Policy = z.infer<typeof policySchema>;
