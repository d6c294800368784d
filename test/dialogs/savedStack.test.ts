import { MemoryStorage } from 'botbuilder';
import { BotHarness, outlookExpressSteps } from '../support/dialogHarness';

/**
 * A dialog stack saved by an earlier version of Stepwise (a main ComponentDialog wrapping the flow, a
 * waterfall inside each phase) names dialogs that no longer exist. The customer's progress says where
 * they are, so their next message carries on from there instead of failing.
 */
test('a customer whose saved dialog stack names dialogs of an earlier version carries on at their step', async () => {
  const storage = new MemoryStorage();
  await storage.write({
    'test/conversations/conv-1': {
      dialogState: {
        dialogStack: [
          {
            id: 'stepwise.main',
            state: {
              dialogs: {
                dialogStack: [
                  { id: 'stepwise.flow', state: { options: {}, values: { instanceId: 'old' }, stepIndex: 0 } },
                  { id: 'stepwise.guidedSteps', state: { dialogs: { dialogStack: [{ id: 'guidedSteps.loop', state: { options: {}, values: {}, stepIndex: 1 } }] } } },
                ],
              },
            },
          },
        ],
      },
      progress: { phase: 'steps', clientId: 'outlook-express', stepIndex: 3, stepsCompleted: 3, misses: 0 },
      eTag: '*',
    },
  });
  const bot = new BotHarness({ storage });

  const turn = await bot.say('done');
  expect(turn.texts).toEqual([outlookExpressSteps[4]]);
  expect(bot.errors).toEqual([]);
  const next = await bot.say('done');
  expect(next.texts).toEqual([outlookExpressSteps[5]]);
});
