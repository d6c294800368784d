import { ActivityTypes, Middleware, StatePropertyAccessor, TurnContext } from 'botbuilder';
import { keypadPress } from './keypad';
import type { ReplyRenderer } from './renderer';
import type { Reply, ReplyChoice } from './reply';

/** 1-based position a message names ("2", "two", "the second one"), from the content's ordinals. */
export type OrdinalReader = (text: string) => number | undefined;

/**
 * On channels that number their choices (voice, SMS), a number picks one of the choices the customer was
 * last offered: the bot remembers them per customer, and the number becomes the choice's value before the
 * conversation reads the message. Other keys (0 for a technician) pass through as text.
 */
export class NumberedChoices implements Middleware {
  constructor(
    private readonly offered: StatePropertyAccessor<ReplyChoice[]>,
    private readonly renderer: ReplyRenderer,
    private readonly ordinal: OrdinalReader,
  ) {}

  /** Called for every reply sent: the last reply of a turn is what the customer has in front of them. */
  async remember(context: TurnContext, reply: Reply): Promise<void> {
    if (!this.renderer.numbersChoices(context.activity.channelId)) return;
    await this.offered.set(context, (reply.choices ?? []).map(({ label, value }) => ({ label, value })));
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    if (activity.type === ActivityTypes.Message && this.renderer.numbersChoices(activity.channelId)) {
      const choice = await this.choiceNamed(context);
      if (choice !== undefined) activity.text = choice;
    }
    await next();
  }

  private async choiceNamed(context: TurnContext): Promise<string | undefined> {
    const key = keypadPress(context.activity);
    const position = key !== undefined ? Number(key) : this.ordinal(context.activity.text ?? '');
    if (position === undefined) return undefined;
    const offered = await this.offered.get(context, []);
    if (Number.isInteger(position) && position >= 1 && position <= offered.length) return offered[position - 1].value;
    return key;
  }
}
