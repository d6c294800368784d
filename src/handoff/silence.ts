import { TurnContext } from 'botbuilder';
import type { Progress } from '../dialogs/progress';
import { Replies } from '../dialogs/replies';
import type { CaseStore, HandoffCase } from './cases';
import { customerKey, handoffText, HandoffKit, sendReply } from './kit';
import type { Proactive } from './proactive';
import { SilenceEntry, SilenceIndex } from './silenceIndex';

function watched(progress: Progress | undefined): progress is Progress {
  return progress?.phase === 'steps' || progress?.phase === 'verifying';
}

/**
 * Notices when a customer goes quiet on a step: a check-in after the step's expected time (policy
 * default, or the step's `expectedSeconds` when longer), then, if still quiet, an offer of a
 * technician. The due time lives in the customer's Progress and in index documents in Storage
 * (so it survives a restart with durable storage); `tick()` sends what is due. The hosting layer
 * calls tick() on a timer; tests call it after moving an injected clock.
 */
export class SilenceWatch {
  private readonly index: SilenceIndex;
  private readonly replies: Replies;
  private ticking: Promise<number> = Promise.resolve(0);

  constructor(
    private readonly kit: HandoffKit,
    private readonly cases: CaseStore,
    private readonly proactive: Proactive,
  ) {
    this.index = new SilenceIndex(kit.storage);
    this.replies = new Replies(kit.content);
  }

  /** Seconds of quiet before the check-in, for where the customer is now. */
  checkInDelay(progress: Progress): number {
    const { silence } = this.kit.content.policy;
    if (progress.phase === 'verifying') return silence.testEmailSeconds;
    const client = this.kit.content.clients.find((c) => c.id === progress.clientId);
    const expected = client?.steps[progress.stepIndex]?.expectedSeconds ?? 0;
    return Math.max(silence.checkInSeconds, expected, progress.paused ? silence.pausedSeconds : 0);
  }

  /** After each customer turn: restart the timer on a step, or stop it anywhere else. */
  async afterCustomerTurn(context: TurnContext, progress: Progress | undefined, openCase: HandoffCase | undefined): Promise<void> {
    const key = customerKey(context);
    const withTechnician = openCase?.status === 'active';
    const indexed = progress?.silence?.indexedDueAt;
    if (watched(progress) && !withTechnician) {
      const now = this.kit.clock.now().getTime();
      const dueAt = new Date(now + this.checkInDelay(progress) * 1000).toISOString();
      // The index only says when to look at a customer next (the due time in their progress is the real one),
      // so an entry no later than dueAt stands. One not yet due is as this customer's turn left it (ticks only
      // move or remove due entries): it need not be read again.
      const kept = indexed && Date.parse(indexed) > now && indexed <= dueAt ? indexed : undefined;
      progress.silence = { stage: 'checkIn', dueAt, indexedDueAt: kept ?? (await this.indexNoLaterThan(context, key, dueAt, now)) };
      return;
    }
    if (progress?.silence) progress.silence = undefined;
    // An entry this progress does not know of (e.g. after "start over") is dropped by the tick.
    if (indexed) await this.forget(key);
  }

  /**
   * Makes the customer's index entry due no later than `dueAt`; resolves with its due time. A new entry is
   * due as early as any check-in of theirs can be (the shortest delay from now), not at `dueAt`: then it
   * stays early enough whatever step comes next, and their next turns need not look at the index again.
   */
  private async indexNoLaterThan(context: TurnContext, key: string, dueAt: string, now: number): Promise<string> {
    const existing = await this.index.entry(key);
    if (existing && existing.dueAt <= dueAt) return existing.dueAt;
    const { checkInSeconds, testEmailSeconds } = this.kit.content.policy.silence;
    const lookAt = new Date(now + Math.min(checkInSeconds, testEmailSeconds) * 1000).toISOString();
    const customer = TurnContext.getConversationReference(context.activity);
    await this.index.update(key, (entries) => {
      entries[key] = { dueAt: lookAt, customer };
    });
    return lookAt;
  }

  /** Sends every check-in and offer that is due; resolves with how many messages were sent. Ticks never overlap. */
  tick(): Promise<number> {
    const run = this.ticking.catch(() => 0).then(() => this.runDue());
    this.ticking = run;
    return run;
  }

  private async runDue(): Promise<number> {
    const now = this.kit.clock.now().getTime();
    const staleMs = this.kit.content.policy.silence.staleAfterSeconds * 1000;
    const due = await this.index.due(now);
    let sent = 0;
    for (const [key, entry] of due) {
      if (now - new Date(entry.dueAt).getTime() > staleMs) {
        await this.forget(key, entry.dueAt);
        continue;
      }
      try {
        if (await this.nudge(key, entry)) sent += 1;
      } catch (error) {
        this.kit.logger.warn('silence check-in failed', { conversationId: entry.customer.conversation?.id, error: (error as Error).message });
        await this.forget(key, entry.dueAt);
      }
    }
    return sent;
  }

  private async nudge(key: string, entry: SilenceEntry): Promise<boolean> {
    let sent = false;
    await this.proactive.run(entry.customer, async (context) => {
      const progress = await this.kit.progress.get(context);
      const openCase = await this.cases.openFor(key);
      const silence = progress?.silence;
      const dueAt = silence?.dueAt;
      // The customer moved on or is with a technician: nothing to say.
      if (!watched(progress) || !silence || !dueAt || openCase?.status === 'active') {
        await this.forget(key, entry.dueAt);
        return;
      }
      // The customer spoke since the entry was written: look again at their new due time.
      if (new Date(dueAt).getTime() > this.kit.clock.now().getTime()) {
        await this.index.update(key, (entries) => {
          if (entries[key]?.dueAt === entry.dueAt) entries[key] = { ...entry, dueAt };
        });
        return;
      }
      if (silence.stage === 'checkIn') {
        await sendReply(this.kit, context, this.checkIn(progress));
        // Already waiting for a technician: no offer of another one.
        if (openCase) {
          progress.silence = undefined;
          await this.forget(key, entry.dueAt);
        } else {
          const dueAt = new Date(this.kit.clock.now().getTime() + this.kit.content.policy.silence.offerSeconds * 1000).toISOString();
          const moved = await this.index.update(key, (entries) => {
            if (entries[key]?.dueAt !== entry.dueAt) return false;
            entries[key] = { ...entry, dueAt };
            return true;
          });
          progress.silence = { stage: 'offer', dueAt, indexedDueAt: moved ? dueAt : undefined };
        }
      } else {
        await sendReply(this.kit, context, {
          text: handoffText(this.kit, 'silenceOffer'),
          expectsReply: true,
          choices: [this.replies.button('technician')],
        });
        progress.silence = { stage: 'offered' };
        await this.forget(key, entry.dueAt);
      }
      await this.kit.state.saveChanges(context);
      sent = true;
    });
    return sent;
  }

  private checkIn(progress: Progress) {
    if (progress.phase === 'verifying') {
      return {
        text: handoffText(this.kit, 'checkInTestEmail'),
        expectsReply: true,
        choices: [this.replies.button('worked'), this.replies.button('stillFailing')],
      };
    }
    const client = this.kit.content.clients.find((c) => c.id === progress.clientId)!;
    const step = client.steps[progress.stepIndex];
    return {
      text: handoffText(this.kit, 'checkIn', { n: progress.stepIndex + 1, total: client.steps.length, title: step.title }),
      expectsReply: true,
      choices: [this.replies.button('done'), this.replies.button('help'), this.replies.button('technician')],
    };
  }

  /** "Forget me": the customer's entry goes, wherever it is kept. */
  forgetCustomer(key: string): Promise<void> {
    return this.index.remove(key);
  }

  /** Removes a customer's timer; with `dueAt`, only if it was not re-armed meanwhile. */
  async forget(key: string, dueAt?: string): Promise<void> {
    await this.index.update(key, (entries) => {
      if (entries[key] && (dueAt === undefined || entries[key].dueAt === dueAt)) delete entries[key];
    });
  }
}
