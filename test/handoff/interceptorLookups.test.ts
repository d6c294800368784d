/**
 * The after-turn look-up of the customer's open case: skipped when the turn began without one and no
 * pointer was written since, done again otherwise (a case opened meanwhile, or the turn run again).
 */
import { ActivityTypes, TestAdapter, TurnContext } from 'botbuilder';
import type { CaseStore, HandoffCase } from '../../src/handoff/cases';
import { HandoffInterceptor, InterceptorParts } from '../../src/handoff/interceptor';
import type { HandoffKit } from '../../src/handoff/kit';
import type { SilenceWatch } from '../../src/handoff/silence';

const queuedCase = { id: 'case-1', customerKey: 'webchat/conversations/c1', status: 'queued', onDesk: false } as HandoffCase;

/** `state`: the customer's state as their turn loaded it (a state saved before the open-case flag: empty). */
function setUp(state: Record<string, unknown> = {}) {
  const found: (HandoffCase | undefined)[] = [];
  const cases = { openFor: jest.fn(async () => found.shift()), pointerWrites: 0 };
  const silenceSaw: (HandoffCase | undefined)[] = [];
  const silence = { afterCustomerTurn: jest.fn(async (_context: TurnContext, _progress: unknown, item: HandoffCase | undefined) => void silenceSaw.push(item)) };
  const kit = {
    content: { policy: { maxInputCharacters: 500 }, lexicon: { handoffCancel: ['cancel'], fillerWords: [] } },
    intents: { matches: () => false },
    progress: { get: async () => ({ phase: 'steps', stepIndex: 1, stepsCompleted: 1, misses: 0, clientId: 'outlook-express' }) },
    logger: { warn: jest.fn(), info: jest.fn() },
    state: { load: async () => state },
  } as unknown as HandoffKit;
  const parts = { cases: cases as unknown as CaseStore, silence: silence as unknown as SilenceWatch } as InterceptorParts;
  const interceptor = new HandoffInterceptor(kit, parts);
  const context = new TurnContext(new TestAdapter(), {
    type: ActivityTypes.Message,
    text: 'done',
    channelId: 'webchat',
    conversation: { id: 'c1' } as never,
    from: { id: 'u1' } as never,
    recipient: { id: 'bot' } as never,
  });
  return { interceptor, cases, found, silenceSaw, context, state };
}

test('a state saying there is no open case: no look-up at all, and the state still says so', async () => {
  const { interceptor, cases, silenceSaw, context, state } = setUp({ noOpenCase: true });
  expect(await interceptor.beforeTurn(context)).toBe(false);
  await interceptor.afterTurn(context);
  expect(cases.openFor).not.toHaveBeenCalled();
  expect(silenceSaw).toEqual([undefined]);
  expect(state.noOpenCase).toBe(true);
});

test('a state without the flag: the pointer is read, and the state notes what was found', async () => {
  const none = setUp();
  none.found.push(undefined);
  await none.interceptor.beforeTurn(none.context);
  await none.interceptor.afterTurn(none.context);
  expect(none.state.noOpenCase).toBe(true);

  const open = setUp();
  open.found.push(queuedCase, queuedCase);
  await open.interceptor.afterTurn(open.context);
  expect(open.state.noOpenCase).toBeUndefined();
});

test('no case at the start and no pointer written during the turn: the store is not asked again', async () => {
  const { interceptor, cases, found, silenceSaw, context } = setUp();
  found.push(undefined);
  expect(await interceptor.beforeTurn(context)).toBe(false);
  await interceptor.afterTurn(context);
  expect(cases.openFor).toHaveBeenCalledTimes(1);
  expect(silenceSaw).toEqual([undefined]);
});

test('a pointer written during the turn (a case opened): the after-turn look-up reads it', async () => {
  const { interceptor, cases, found, silenceSaw, context } = setUp();
  found.push(undefined, queuedCase);
  await interceptor.beforeTurn(context);
  cases.pointerWrites += 1;
  await interceptor.afterTurn(context);
  expect(cases.openFor).toHaveBeenCalledTimes(2);
  expect(silenceSaw).toEqual([queuedCase]);
});

test('a turn run again after a conflict, now with a case open, does not reuse the first run\'s "no case"', async () => {
  const { interceptor, cases, found, silenceSaw, context } = setUp();
  found.push(undefined, queuedCase, queuedCase);
  await interceptor.beforeTurn(context);
  // The second run (same context): another process opened a case in between; this process wrote no pointer.
  expect(await interceptor.beforeTurn(context)).toBe(false);
  await interceptor.afterTurn(context);
  expect(cases.openFor).toHaveBeenCalledTimes(3);
  expect(silenceSaw).toEqual([queuedCase]);
});
