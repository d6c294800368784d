import type { Activity, ResourceResponse, TurnContext } from 'botbuilder';

const outboxKey = Symbol('stepwise.outbox');

/**
 * Holds what the bot sends during a turn until the turn's state is committed, so a turn that is
 * re-run (eTag conflict), dropped (duplicate delivery) or fails (store down, bug) never leaves
 * replies behind that do not match the saved state. Released activities go out in order through
 * the rest of the send pipeline (the transcript recorder included).
 *
 * Its send handler must be the first one on the context (TurnGate attaches it before any other
 * middleware runs), so held activities reach no other handler until they are released.
 */
export class Outbox {
  /** Each held send, with the rest of its pipeline (the transcript recorder, the adapter) to run on release. */
  private held: { activities: Partial<Activity>[]; next: () => Promise<ResourceResponse[]> }[] = [];
  private holding = false;

  static of(context: TurnContext): Outbox {
    let outbox = context.turnState.get(outboxKey) as Outbox | undefined;
    if (!outbox) {
      const created = new Outbox();
      context.onSendActivities((_context, activities, next) => created.intercept(activities, next));
      context.turnState.set(outboxKey, created);
      outbox = created;
    }
    return outbox;
  }

  private async intercept(activities: Partial<Activity>[], next: () => Promise<ResourceResponse[]>): Promise<ResourceResponse[]> {
    if (!this.holding) return next();
    this.held.push({ activities, next });
    return activities.map(() => ({ id: '' }));
  }

  /** Starts holding (again): anything held before is dropped. */
  hold(): void {
    this.held = [];
    this.holding = true;
  }

  /** What is held, in order (the turn's replies, before they are released). */
  get heldActivities(): Partial<Activity>[] {
    return this.held.flatMap((send) => send.activities);
  }

  /** Drops what is held; later sends pass straight through. */
  discard(): void {
    this.held = [];
    this.holding = false;
  }

  /** Sends what is held, in order; later sends pass straight through. */
  async release(): Promise<void> {
    const held = this.held;
    this.discard();
    for (const send of held) await send.next();
  }
}
