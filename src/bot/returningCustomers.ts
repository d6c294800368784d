import type { TurnContext } from 'botbuilder';
import type { Progress, SavedPlace } from '../dialogs/progress';
import type { Logger } from '../logging/logger';
import type { DurableStorage } from '../storage/guardedWrite';
import { storageCall } from '../storage/storageErrors';
import { CustomerState } from './customerState';

/** The per-user record: the customer's latest place and the conversation it belongs to. */
interface UserRecord extends SavedPlace {
  conversation: string;
}

export interface ReturningCustomersOptions {
  /** Places older than this many days are not offered; 0 never offers one. */
  days: number;
  now: () => Date;
  logger: Logger;
}

const dayMs = 24 * 60 * 60 * 1000;

/** The place worth offering back, or none (no program chosen yet, finished, started over). */
function placeOf(progress: Progress | undefined): Omit<SavedPlace, 'savedAt'> & { savedAt?: string } | undefined {
  if (!progress) return undefined;
  if (progress.phase === 'returning') return progress.resume;
  const phase = progress.phase === 'handoff' ? progress.handoff?.resumePhase : progress.phase;
  if (!progress.clientId || (phase !== 'steps' && phase !== 'verifying')) return undefined;
  return { clientId: progress.clientId, phase, stepIndex: progress.stepIndex, stepsCompleted: progress.stepsCompleted };
}

function fingerprint(place: ReturnType<typeof placeOf>): string {
  return place ? `${place.clientId}/${place.phase}/${place.stepIndex}/${place.stepsCompleted}` : '';
}

/** The place a progress stands for, as a string: taken before a turn, it tells `record` whether the place moved. */
export function placeFingerprint(progress: Progress | undefined): string {
  return fingerprint(placeOf(progress));
}

/**
 * Remembers, per channel user (not per conversation), where the customer is, so that one who comes
 * back in a new conversation can be offered their place. The record changes only when the place
 * does, and it is a hint: written after the turn is committed, last writer wins.
 */
export class ReturningCustomers {
  constructor(
    private readonly storage: DurableStorage,
    private readonly options: ReturningCustomersOptions,
  ) {}

  static key(context: TurnContext): string | undefined {
    const { channelId, from } = context.activity;
    return channelId && from?.id ? `${channelId}/users/${from.id}` : undefined;
  }

  /** The customer's place from another conversation, if recent enough to offer. */
  async lookup(context: TurnContext): Promise<SavedPlace | undefined> {
    const key = ReturningCustomers.key(context);
    if (!key || this.options.days <= 0) return undefined;
    const record = (await storageCall('read', () => this.storage.read([key])))[key] as UserRecord | undefined;
    if (!record || record.conversation === CustomerState.storageKey(context)) return undefined;
    const age = this.options.now().getTime() - Date.parse(record.savedAt);
    if (!(age <= this.options.days * dayMs)) return undefined;
    const { clientId, phase, stepIndex, stepsCompleted, savedAt } = record;
    return { clientId, phase, stepIndex, stepsCompleted, savedAt };
  }

  /** Brings the user record in line with the turn's change of place (committed already). Never throws. */
  async record(context: TurnContext, placeBefore: string, after: Progress | undefined): Promise<void> {
    const key = ReturningCustomers.key(context);
    const place = placeOf(after);
    if (!key || placeBefore === fingerprint(place)) return;
    try {
      if (!place) {
        await this.storage.delete([key]);
        return;
      }
      const record: UserRecord = {
        conversation: CustomerState.storageKey(context),
        ...place,
        savedAt: place.savedAt ?? this.options.now().toISOString(),
      };
      await this.storage.writeGuarded([{ key, item: { ...record }, condition: { kind: 'any' } }]);
    } catch (error) {
      this.options.logger.warn('could not update the returning-customer record', {
        conversationId: context.activity.conversation?.id,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
}
