import type { Activity, TurnContext } from 'botbuilder';
import type { Progress } from '../dialogs/progress';
import type { Logger } from '../logging/logger';
import { conditionFor, type DurableStorage } from '../storage/guardedWrite';
import { isETagConflict, isStorageUnavailable, storageCall } from '../storage/storageErrors';
import { CustomerState } from '../customer/customerState';
import { wasForgotten } from '../customer/forgotten';
import { receivedLine, sentLine, type TranscriptBounds, type TranscriptLine, transcriptProperty, withLines } from '../customer/transcript';
import { markCommittedByTurn } from './transcriptRecorder';
import type { TurnOutcomes } from '../outcomes/turnOutcomes';
import { Outbox } from './outbox';
import { placeFingerprint, type ReturningCustomers } from './returningCustomers';
import { inSpan } from '../telemetry/spans';

/** The customer state document as stored (BotState adds the properties; the eTag comes from the read). */
interface StoredCustomerState {
  eTag?: string;
  progress?: Progress;
  /** Ids of the last activities acted on: a channel's retry of one of them is dropped. */
  recentActivityIds?: string[];
  /** When this conversation was last confirmed listed in the customer's returning-customer record. */
  listedAt?: string;
  [property: string]: unknown;
}

export interface TurnCommitterOptions {
  state: CustomerState;
  storage: DurableStorage;
  returningCustomers: ReturningCustomers;
  logger: Logger;
  /** What the customer is told when the store cannot be reached (rendered for their channel). */
  storageUnavailableReply: (context: TurnContext) => Partial<Activity>;
  /** The conversation's recent messages, kept in the state document and written with it. */
  transcript: TurnTranscriptOptions;
  maxAttempts?: number;
  recentActivityIds?: number;
  /** The outcome events of the turns it saves (src/outcomes); absent: none are recorded. */
  outcomes?: TurnOutcomes;
}

export interface TurnTranscriptOptions {
  bounds: TranscriptBounds;
  /** What the bot reads of a message (policy.maxInputCharacters). */
  maxInputCharacters: number;
  now: () => Date;
  /** False for conversations that are not a customer's (the technicians' desk). */
  records: (context: TurnContext) => boolean;
}

const defaultMaxAttempts = 5;
// Channels retry within seconds, so the last few ids are enough and keep the document small.
const defaultRecentActivityIds = 5;

/**
 * Runs a turn against freshly read state and commits it with the eTag it was read with:
 *  - a duplicate delivery (activity id already recorded) is dropped without a reply;
 *  - on an eTag conflict (another process saved this customer's state meanwhile) the turn is run
 *    again on the reloaded state; its held replies are discarded, so the customer sees only the
 *    replies of the run that was saved;
 *  - when the store is unreachable, nothing is saved, nothing of the turn is sent, and the customer
 *    is told so with the support phone number.
 * The write of the customer's state is the commit point; replies are released only after it.
 */
export class TurnCommitter {
  private readonly maxAttempts: number;
  private readonly recentActivityIds: number;

  constructor(private readonly options: TurnCommitterOptions) {
    this.maxAttempts = options.maxAttempts ?? defaultMaxAttempts;
    this.recentActivityIds = options.recentActivityIds ?? defaultRecentActivityIds;
  }

  async run(context: TurnContext, logic: () => Promise<void>): Promise<void> {
    const outbox = Outbox.of(context);
    markCommittedByTurn(context);
    for (let attempt = 1; ; attempt++) {
      outbox.hold();
      this.options.outcomes?.beginRun(context);
      try {
        const state = (await storageCall('read', () => this.options.state.load(context, true))) as StoredCustomerState;
        const id = context.activity.id;
        if (id && state.recentActivityIds?.includes(id)) {
          outbox.discard();
          this.log('info', 'duplicate activity ignored', context);
          return;
        }
        const placeBefore = placeFingerprint(state.progress);
        // The dialogs change the progress in place: its events compare it with a copy.
        const progressBefore = this.options.outcomes && state.progress ? structuredClone(state.progress) : undefined;

        await inSpan('stepwise.dialogs', {}, logic);

        if (!wasForgotten(context)) await this.commit(context, this.turnLines(context, outbox), placeBefore, progressBefore);
        else this.options.outcomes?.forgotten(context, state);
        await outbox.release();
        return;
      } catch (error) {
        outbox.discard();
        if (isETagConflict(error) && attempt < this.maxAttempts) {
          this.log('info', 'state changed by another turn; running the turn again', context, { attempt });
          continue;
        }
        if (isStorageUnavailable(error)) {
          this.log('error', 'storage unavailable; turn not saved', context, { error: error instanceof Error ? error.message : String(error) });
          await context.sendActivity(this.options.storageUnavailableReply(context));
          return;
        }
        throw error;
      }
    }
  }

  /** The turn's message and the replies it holds, as transcript lines (none in a conversation that keeps none). */
  private turnLines(context: TurnContext, outbox: Outbox): TranscriptLine[] | undefined {
    const held = outbox.heldActivities;
    const { transcript } = this.options;
    if (!transcript.records(context)) return held.length > 0 ? [] : undefined;
    const now = transcript.now();
    const lines = [receivedLine(context.activity, now, transcript.maxInputCharacters, transcript.bounds), ...held.map((sent) => sentLine(sent, now, transcript.bounds))];
    const kept = lines.filter((line): line is TranscriptLine => line !== undefined);
    return kept.length > 0 || held.length > 0 ? kept : undefined;
  }

  /** `lines` is undefined when the turn said nothing and received no words. */
  private async commit(context: TurnContext, lines: TranscriptLine[] | undefined, placeBefore: string, progressBefore?: Progress): Promise<void> {
    const state = this.options.state.get(context) as StoredCustomerState;
    // A turn that changed nothing, received no words and said nothing (typing, reactions) is not written.
    if (!lines && !this.options.state.changed(context)) return;
    const { eTag, ...document } = state;
    if (lines?.length) document[transcriptProperty] = withLines(state, lines, this.options.transcript.bounds);
    const id = context.activity.id;
    if (id) document.recentActivityIds = [...(state.recentActivityIds ?? []), id].slice(-this.recentActivityIds);

    // Listed in the customer's record before the state is written, so "forget me" said elsewhere finds it.
    const listedAt = await this.options.returningCustomers.keepListed(context, state.listedAt);
    if (listedAt) document.listedAt = listedAt;

    const { outcomes } = this.options;
    const events = outcomes && this.options.transcript.records(context) ? outcomes.eventsOf(context, progressBefore, document) : [];

    const key = CustomerState.storageKey(context);
    await storageCall('write', () => this.options.storage.writeGuarded([{ key, item: document, condition: conditionFor(eTag) }]));
    outcomes?.publish(events);
    await this.options.returningCustomers.record(context, placeBefore, state.progress);
  }

  private log(level: 'info' | 'error', message: string, context: TurnContext, fields: Record<string, unknown> = {}): void {
    this.options.logger[level](message, {
      conversationId: context.activity.conversation?.id,
      activityId: context.activity.id,
      ...fields,
    });
  }
}
