import type { TurnContext } from 'botbuilder';
import type { HandoffKit } from './kit';

/**
 * Whether the customer's last saved turn knew they had no open case, kept in their state and written with it. A
 * case opens only in its customer's own turn (HandoffCoordinator), and that turn saves the flag cleared; so while it
 * is set, a turn needs no read of the customer's pointer, and an ordinary turn costs one read and one write. A case
 * closed outside their turns (a technician, the contact centre) leaves it cleared: their next turn reads the pointer,
 * finds the case closed and sets it again. A state saved before the flag existed has none: the pointer is read.
 */
const property = 'noOpenCase';

type CustomerStateDocument = Record<string, unknown>;

async function stateOf(kit: HandoffKit, context: TurnContext): Promise<CustomerStateDocument | undefined> {
  return (await kit.state.load(context)) as CustomerStateDocument | undefined;
}

export async function savedWithoutOpenCase(kit: HandoffKit, context: TurnContext): Promise<boolean> {
  return (await stateOf(kit, context))?.[property] === true;
}

/** Notes in the customer's state, to be saved with the turn, whether they have an open case now. */
export async function noteOpenCaseInState(kit: HandoffKit, context: TurnContext, open: boolean): Promise<void> {
  const state = await stateOf(kit, context);
  if (!state) return;
  if (open) delete state[property];
  else state[property] = true;
}
