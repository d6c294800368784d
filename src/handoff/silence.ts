import { randomUUID } from 'node:crypto';
import { TurnContext } from 'botbuilder';
import type { Reply } from '../channels/reply';
import type { Progress } from '../dialogs/progress';
import { Replies } from '../dialogs/replies';
import { asDurableStorage, type DurableStorage } from '../storage/guardedWrite';
import { isETagConflict, storageCall } from '../storage/storageErrors';
import type { TimerHandler } from '../timers/timerDispatch';
import type { Timer } from '../timers/timerQueue';
import type { CaseStore } from './cases';
import { customerKey, HandoffKit, sendReply } from './kit';
import { baseLanguage, type Language } from '../content/languages';
import type { Content } from '../content/loader';
import { fill } from '../content/placeholders';
import { setTurnLanguage, storedLanguage } from '../customer/language';
import type { Proactive } from './proactive';

export const silenceTimerKind = 'silence';

function watched(progress: Progress | undefined): progress is Progress {
  return progress?.phase === 'steps' || progress?.phase === 'verifying';
}

/** The customer's state document as stored. */
interface StoredState {
  eTag?: string;
  progress?: Progress;
  [property: string]: unknown;
}

/** What a due timer does: write the customer's state (over the version it read), then send `reply`. */
interface DueAction {
  eTag: string;
  document: Record<string, unknown>;
  reply: Reply;
  /** The customer's language, from their state. */
  language: Language;
}

// A timer that keeps losing the race to the customer's own turns gives up; their turns keep the timers going.
const maxAttempts = 5;

/**
 * Notices when a customer goes quiet on a step: a check-in after the step's expected time (policy
 * default, or the step's `expectedSeconds` when longer), then, if still quiet, an offer of a technician.
 * The due time lives in the customer's Progress; a timer on the shared timer queue (src/timers) wakes
 * whichever instance receives it, which looks at the progress again: the due time there decides. The
 * check-in is sent only after the customer's state is written over the version that was read, so it is
 * sent at most once, and never over a turn the customer committed meanwhile.
 */
export class SilenceWatch implements TimerHandler {
  private readonly storage: DurableStorage;

  constructor(
    private readonly kit: HandoffKit,
    private readonly cases: CaseStore,
    private readonly proactive: Proactive,
  ) {
    this.storage = asDurableStorage(kit.storage);
  }

  /** policy.json's silence times, with the ones configuration overrides. */
  private get policy() {
    return { ...this.kit.content.policy.silence, ...this.kit.settings.silence };
  }

  /** Seconds of quiet before the check-in, for where the customer is now. */
  checkInDelay(progress: Progress): number {
    const policy = this.policy;
    if (progress.phase === 'verifying') return policy.testEmailSeconds;
    const client = this.kit.content.clients.find((c) => c.id === progress.clientId);
    const expected = client?.steps[progress.stepIndex]?.expectedSeconds ?? 0;
    return Math.max(policy.checkInSeconds, expected, progress.paused ? policy.pausedSeconds : 0);
  }

  /** After each customer turn: restart the wait on a step, or stop it anywhere else (its timers then find nothing to do). */
  async afterCustomerTurn(context: TurnContext, progress: Progress | undefined, openCase: { status: string } | undefined): Promise<void> {
    if (watched(progress) && openCase?.status !== 'active') {
      const now = this.kit.clock.now().getTime();
      const dueAt = new Date(now + this.checkInDelay(progress) * 1000).toISOString();
      const pending = progress.silence?.timer;
      // Recorded first: if the queue cannot be reached, a timer of theirs that comes finds the new due time and waits for it.
      progress.silence = { stage: 'checkIn', dueAt, timer: pending };
      // A timer of theirs still to come, due no later than the new due time, will find it: the turn leaves the queue alone.
      if (pending && Date.parse(pending.dueAt) > now && pending.dueAt <= dueAt) return;
      progress.silence.timer = await this.scheduleFirst(context, now, dueAt);
      return;
    }
    if (progress?.silence) progress.silence = undefined;
  }

  /**
   * A new timer, due as early as any check-in of theirs can be (the shortest delay), not at `dueAt`: it then
   * stays early enough whatever step comes next, so their next turns need not schedule another. Coming
   * early, it moves itself on to the due time in their progress.
   */
  private async scheduleFirst(context: TurnContext, now: number, dueAt: string): Promise<{ id: string; dueAt: string }> {
    const { checkInSeconds, testEmailSeconds } = this.policy;
    const lookAt = new Date(Math.min(Date.parse(dueAt), now + Math.min(checkInSeconds, testEmailSeconds) * 1000)).toISOString();
    const timer: Timer = {
      kind: silenceTimerKind,
      id: randomUUID(),
      customerKey: customerKey(context),
      customer: TurnContext.getConversationReference(context.activity),
      dueAt: lookAt,
    };
    await this.kit.timers.schedule(timer);
    return { id: timer.id, dueAt: lookAt };
  }

  /** A silence timer came due (on whichever instance received it); resolves with how many messages were sent. */
  async handle(timer: Timer): Promise<number> {
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const action = await this.dueAction(timer);
      if (!action) return 0;
      const write = { key: timer.customerKey, item: action.document, condition: { kind: 'eTag' as const, eTag: action.eTag } };
      try {
        await storageCall('write', () => this.storage.writeGuarded([write]));
      } catch (error) {
        // The customer spoke (or another instance acted on a twin of this timer) since the read: look again.
        if (isETagConflict(error)) continue;
        throw error;
      }
      return this.deliver(timer, action.reply, action.language);
    }
    return 0;
  }

  /** What is due for the customer now, by their stored progress; undefined when nothing is. */
  private async dueAction(timer: Timer): Promise<DueAction | undefined> {
    const key = timer.customerKey;
    const state = (await storageCall('read', () => this.storage.read([key])))[key] as StoredState | undefined;
    const progress = state?.progress;
    const silence = progress?.silence;
    // Forgotten, moved on, answered the offer, or relying on a newer timer: nothing to do.
    if (!state?.eTag || !watched(progress) || !silence?.dueAt || silence.timer?.id !== timer.id) return undefined;
    const now = this.kit.clock.now().getTime();
    const due = Date.parse(silence.dueAt);
    if (due > now) {
      // The customer spoke since it was scheduled: the same timer, at their new due time.
      await this.schedule({ ...timer, dueAt: silence.dueAt });
      return undefined;
    }
    // Overdue by long (the bot was down): dropped, not sent late.
    if (now - due > this.policy.staleAfterSeconds * 1000) return undefined;
    const openCase = await this.cases.openFor(key);
    if (openCase?.status === 'active') return undefined;

    const language = storedLanguage(state) ?? baseLanguage;
    const content = this.kit.content.localized[language];
    let reply: Reply;
    if (silence.stage === 'checkIn') {
      reply = this.checkIn(content, progress);
      // Already waiting for a technician: no offer of another one.
      progress.silence = openCase ? undefined : { stage: 'offer', ...(await this.scheduleOffer(timer, now)) };
    } else if (silence.stage === 'offer') {
      reply = { text: content.messages.handoff.silenceOffer, expectsReply: true, choices: [Replies.of(content).button('technician')] };
      progress.silence = { stage: 'offered' };
    } else {
      return undefined;
    }
    const { eTag, ...document } = state;
    return { eTag, document, reply, language };
  }

  /** The offer's timer, scheduled before the check-in is recorded: an instance that dies after recording it leaves it behind. */
  private async scheduleOffer(timer: Timer, now: number): Promise<{ dueAt: string; timer: { id: string; dueAt: string } }> {
    const dueAt = new Date(now + this.policy.offerSeconds * 1000).toISOString();
    const offer: Timer = { ...timer, id: randomUUID(), dueAt };
    await this.schedule(offer);
    return { dueAt, timer: { id: offer.id, dueAt } };
  }

  /** A queue that cannot be reached is a store that cannot: the timer is tried again when its claim runs out. */
  private schedule(timer: Timer): Promise<void> {
    return storageCall('schedule timer', () => this.kit.timers.schedule(timer));
  }

  /** Sends the recorded check-in or offer. One that cannot be delivered (the chat is gone) is dropped, with one warning. */
  private async deliver(timer: Timer, reply: Reply, language: Language): Promise<number> {
    try {
      await this.proactive.run(timer.customer, async (context) => {
        setTurnLanguage(context, language);
        await sendReply(this.kit, context, reply);
      });
      return 1;
    } catch (error) {
      this.kit.logger.warn('silence check-in failed', { conversationId: timer.customer.conversation?.id, error: (error as Error).message });
      await this.stopWatching(timer.customerKey);
      return 0;
    }
  }

  /** After a failed delivery: no offer follows. A conflict means the customer spoke, so they can be reached: nothing to undo. */
  private async stopWatching(key: string): Promise<void> {
    try {
      const state = (await this.storage.read([key]))[key] as StoredState | undefined;
      if (!state?.eTag || !state.progress?.silence) return;
      const { eTag, ...document } = state;
      document.progress = { ...state.progress, silence: undefined };
      await this.storage.writeGuarded([{ key, item: document, condition: { kind: 'eTag', eTag } }]);
    } catch {
      // The offer then finds the chat gone too, and is dropped the same way.
    }
  }

  /** The check-in in the customer's language (`content`). */
  private checkIn(content: Content, progress: Progress): Reply {
    const replies = Replies.of(content);
    if (progress.phase === 'verifying') {
      return {
        text: content.messages.handoff.checkInTestEmail,
        expectsReply: true,
        choices: [replies.button('worked'), replies.button('stillFailing')],
      };
    }
    const client = content.clients.find((c) => c.id === progress.clientId)!;
    const step = client.steps[progress.stepIndex];
    return {
      text: fill(content.messages.handoff.checkIn, { n: progress.stepIndex + 1, total: client.steps.length, title: step.title }),
      expectsReply: true,
      choices: [replies.button('done'), replies.button('help'), replies.button('technician')],
    };
  }
}
