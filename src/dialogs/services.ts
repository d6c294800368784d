import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { Reply } from '../channels/reply';
import type { Language } from '../content/languages';
import type { Content } from '../content/loader';
import type { ClientContent, HandoffReason } from '../content/schema';
import type { IntentRecognizer } from '../understanding/intents';
import type { Understood, UnderstandingContext } from '../understanding/understanding';
import type { OutcomeNote } from './outcomeNotes';
import type { Progress, SavedPlace } from './progress';

export interface HandoffRequest {
  reason: HandoffReason;
  progress: Progress;
  client?: ClientContent;
  /** Anything the customer said that explains the reason (the other program's name, the new error text). */
  detail?: string;
  /** The case reference (SW-XXXXXX) the customer and the technician quote, when there is one. */
  reference?: string;
}

/** Sends the handoff to wherever technicians are (protocol event, desk, webhook). */
export interface HandoffGateway {
  /** Resolves with what to tell the customer (queue, hours, reference), or nothing for the default message. */
  initiate(context: TurnContext, request: HandoffRequest): Promise<Reply | void>;
}

/** Sends the customer a link to their place, somewhere they can read the steps (a caller: by text message). */
export interface StepsLinkSender {
  /** Resolves with the last digits of the number the link went to, or undefined when none can be sent here. */
  send(context: TurnContext): Promise<{ sentTo: string } | undefined>;
}

/** Finds where a customer who starts a new conversation was in an earlier one. */
export interface ReturningCustomerLookup {
  lookup(context: TurnContext): Promise<SavedPlace | undefined>;
}

/** Everything the dialogs need, injected so they never import hosting or channel code. */
export interface DialogServices {
  /** The content in the base language (English): what is language-neutral (policy, ids) and what staff read. */
  content: Content;
  /** The content in this turn's language: every word the customer reads or hears comes from here. */
  contentFor(context: TurnContext): Content;
  /** A returning customer's earlier conversation was in this language: speak it, unless they chose otherwise here. */
  adoptLanguage?(context: TurnContext, language: Language): Promise<void>;
  /** The exact-phrase lexicon: ordinals ("the second one") and what the handoff still matches by phrase. */
  intents: IntentRecognizer;
  /** What this turn's message means where it is said (the classifier runs once per turn). */
  understand(context: TurnContext, where: UnderstandingContext): Promise<Understood>;
  /** True when the customer typed a password this turn (already masked in the message). */
  passwordTyped(context: TurnContext): boolean;
  progress: StatePropertyAccessor<Progress>;
  handoff: HandoffGateway;
  /** Absent: the steps cannot be sent anywhere ("text me the steps" is answered that it cannot be done here). */
  stepsLink?: StepsLinkSender;
  /** Absent: every new conversation starts from the greeting. */
  returningCustomers?: ReturningCustomerLookup;
  /** Turns a channel-neutral reply into an activity for the channel of this turn. */
  send(context: TurnContext, reply: Reply): Promise<void>;
  /** Tells the outcome events what the progress does not show (src/outcomes); absent: nothing is recorded. */
  noteOutcome?(context: TurnContext, note: OutcomeNote): void;
}
