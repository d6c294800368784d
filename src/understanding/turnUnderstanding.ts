import type { TurnContext } from 'botbuilder';
import type { Understanding, Understood, UnderstandingContext } from './understanding';

const turnKey = Symbol('stepwise.understood');

interface TurnEntry {
  text: string;
  interpreted: Promise<Understood>;
}

/**
 * What this turn's message means in `where`. The classifier runs once per turn (the interruptions and
 * then the open question both ask), and again only if the message text was changed in between.
 */
export async function understandTurn(context: TurnContext, understanding: Promise<Understanding>, where: UnderstandingContext): Promise<Understood> {
  const text = context.activity.text ?? '';
  const model = await understanding;
  let entry = context.turnState.get(turnKey) as TurnEntry | undefined;
  if (!entry || entry.text !== text) {
    entry = { text, interpreted: model.interpret(text) };
    context.turnState.set(turnKey, entry);
  }
  return model.inContext(await entry.interpreted, where);
}
