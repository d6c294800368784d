import { MemoryStorage, StoreItems } from 'botbuilder';
import type { HandoffGateway } from '../../src/dialogs/services';
import { BotHarness, OE, handoffEvent, msg, texts, toStep } from '../support/dialogHarness';

/** MemoryStorage whose next write of a customer's conversation state fails once when armed. */
class FlakyStorage extends MemoryStorage {
  failNextWrite = false;
  async write(changes: StoreItems): Promise<void> {
    const customerState = Object.keys(changes).some((key) => key.includes('/conversations/'));
    if (this.failNextWrite && customerState) {
      this.failNextWrite = false;
      throw new Error('storage unavailable');
    }
    return super.write(changes);
  }
}

/** A handoff destination that is down for its first call, then delivers through the recorded list. */
class FlakyGateway implements HandoffGateway {
  failures = 1;
  readonly delivered: string[] = [];
  async initiate(...[, request]: Parameters<HandoffGateway['initiate']>): Promise<void> {
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('handoff destination unreachable');
    }
    this.delivered.push(`${request.reason} at ${request.progress.stepIndex + 1}`);
  }
}

const turnError =
  "Sorry, something went wrong on my side. Your progress is saved, so say repeat to see where you were. If it keeps happening, call 1-800-232-4335.";

describe('a failed turn does not lose progress', () => {
  it('the error message is the content\'s turnError', () => {
    expect(msg('turnError')).toBe(turnError);
  });

  it('a storage write that fails once: the customer is told (with the phone), nothing of the turn is sent, and continues at the last saved step', async () => {
    const storage = new FlakyStorage();
    const h = new BotHarness({ storage });
    await h.run(toStep(OE, 5));
    storage.failNextWrite = true;
    const failed = await h.say('done');
    // The turn's own reply (step 6) is held until its state is saved, so it never goes out.
    expect(failed.texts).toEqual([msg('storageUnavailable')]);
    expect(msg('storageUnavailable')).toContain('1-800-232-4335');
    expect(h.logger.lines.some((line) => line.includes('storage unavailable; turn not saved'))).toBe(true);
    await h.run([
      ['repeat', OE.steps[4]],
      ['done', OE.steps[5]],
      ['done', OE.steps[6]],
    ]);
  });

  it('a handoff gateway that throws: the customer continues at the same step, and can ask again', async () => {
    const gateway = new FlakyGateway();
    const h = new BotHarness({ handoff: gateway });
    await h.run(toStep(OE, 6));
    const failed = await h.say('technician', { expectError: true });
    expect(failed.texts).toEqual([turnError]);
    await h.run([
      ['repeat', OE.steps[5]],
      ['done', OE.steps[6]],
      // An injected gateway has no case reference to give.
      ['technician', `${msg('handoffStarted')} ${msg('handoffAlternatives')}`],
    ]);
    expect(gateway.delivered).toEqual(['customerAsked at 7']);
  });

  it('the protocol handoff still works after an unrelated failed turn', async () => {
    const storage = new FlakyStorage();
    const h = new BotHarness({ storage });
    await h.run(toStep(OE, 2));
    storage.failNextWrite = true;
    expect((await h.say('done')).texts).toEqual([msg('storageUnavailable')]);
    await h.run([['agent', [handoffEvent('customerAsked'), texts.handoff]]]);
    expect(h.lastHandoff()).toMatchObject({ stepReached: '2 of 8', stepsCompleted: 1 });
  });

  it('a restarted bot (a new bot on the same storage) continues at the step the customer was on', async () => {
    const storage = new MemoryStorage();
    await new BotHarness({ storage }).run(toStep(OE, 4));
    const restarted = new BotHarness({ storage });
    await restarted.run([
      ['done', OE.steps[4]],
      ['repeat', OE.steps[4]],
    ]);
  });
});
