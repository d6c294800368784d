/**
 * The waiting room, in process (createBot through TestAdapter, the default protocol destination): what a
 * customer waiting for a technician can say (cancel, "it's working now", continue), what the bot says while a
 * contact-centre technician has the conversation, after the contact centre could not connect, and how the
 * handoff begins when no step was reached.
 */
import type { Activity } from 'botbuilder';
import { fill } from '../../src/content/placeholders';
import type { HandoffMessageName } from '../../src/content/schema';
import type { HandoffGateway } from '../../src/dialogs/services';
import { BotHarness, ExpectedReply, MSO, OE, content, handoffEvent, msg, texts, toStep } from '../support/dialogHarness';

const handoffMsg = (name: HandoffMessageName, values: Record<string, string | number> = {}) => fill(content.messages.handoff[name], values);

/** The handoff.status event the contact centre gets when the customer no longer needs the technician. */
const statusEvent = { type: 'event', name: 'handoff.status' } as unknown as ExpectedReply;

const step = (client: typeof OE, n: number) => client.steps[n - 1];

/** The contact centre posts its handoff.status events on the harness's channel. */
const contactCentre = { handoffSettings: { destinations: ['protocol' as const], statusFrom: { channels: ['test'], appIds: [] } } };

function status(state: string): Partial<Activity> {
  return { type: 'event', name: 'handoff.status', value: { state } };
}

/** A customer handed off (protocol) at step 6 of Outlook Express; resolves with the case reference. */
async function waitingAtStep6(h: BotHarness): Promise<string> {
  await h.run([...toStep(OE, 6), ['technician', [handoffEvent('customerAsked'), texts.handoff]]]);
  return h.lastHandoff().reference!;
}

async function caseOf(h: BotHarness, reference: string) {
  return (await h.parts.handoff.cases.all()).find((c) => c.reference === reference);
}

function sentStatus(result: { activities: Partial<Activity>[] }): unknown {
  return result.activities.find((a) => a.type === 'event' && a.name === 'handoff.status')?.value;
}

describe('cancelling while waiting', () => {
  it.each(['cancel', 'Cancel that', 'forget it', 'never mind', "I don't need help anymore", 'I no longer need a technician', 'nevermind, forget about it'])(
    '"%s" cancels the request: the customer is told, the contact centre gets handoff.status, and the step is live again',
    async (says) => {
      const h = new BotHarness();
      const reference = await waitingAtStep6(h);
      const [turn] = await h.run([[says, [statusEvent, "Okay, I've cancelled your request for a technician. Let's carry on.", step(OE, 6)]]]);
      expect(sentStatus(turn)).toEqual({ state: 'completed', message: 'Cancelled by the customer', reference, outcome: 'cancelled' });
      expect(await caseOf(h, reference)).toMatchObject({ status: 'closed', outcome: 'cancelled' });
      await h.run([['done', step(OE, 7)]]);
    },
  );

  it('"cancel" before a program was chosen goes back to the program question', async () => {
    const h = new BotHarness();
    await h.run([
      ['hi', texts.welcome],
      ['technician', [handoffEvent('customerAsked'), texts.handoffBeforeSteps]],
      ['cancel', [statusEvent, `${handoffMsg('cancelled')} ${msg('askClient')}`]],
      ['Outlook 2003', [texts.intro('Microsoft Outlook', 9), step(MSO, 1)]],
    ]);
  });
});

describe('on Teams (no event activities)', () => {
  it('"cancel" cancels without a handoff.status event, which Teams would not deliver', async () => {
    const h = new BotHarness({ channelId: 'msteams' });
    for (const says of ['hi', 'Outlook Express', 'done', 'done']) await h.say(says);
    await h.say('technician');
    const reference = (await h.parts.handoff.cases.all())[0].reference;
    const turn = await h.say('cancel');
    expect(turn.activities.filter((a) => a.type !== 'message')).toEqual([]);
    expect(turn.texts[0]).toBe(handoffMsg('cancelled'));
    expect(await caseOf(h, reference)).toMatchObject({ status: 'closed', outcome: 'cancelled' });
  });
});

describe('fixed it while waiting', () => {
  it.each(['I figured it out', 'figured it out', 'I fixed it', 'got it working', "it's working now", 'its working now!', 'never mind, it works now', 'ok I fixed it myself thanks'])(
    '"%s": congratulated, told the request is cancelled and they can come back; the contact centre hears the customer fixed it',
    async (says) => {
      const h = new BotHarness();
      const reference = await waitingAtStep6(h);
      const [turn] = await h.run([
        [
          says,
          [
            statusEvent,
            "That's great news, well done for getting it working! I've cancelled your request for a technician. If anything else comes up, come back any time: just send a message here.",
          ],
        ],
      ]);
      expect(sentStatus(turn)).toEqual({ state: 'completed', message: 'The customer fixed it on their own', reference, outcome: 'resolved' });
      expect(await caseOf(h, reference)).toMatchObject({ status: 'closed', outcome: 'resolved' });
      // The procedure is over: no step is pushed at them again.
      await h.run([['thanks', msg('completedAlready')]]);
    },
  );

  it.each(["I haven't figured it out", "it's still not working", 'I fixed it but I still get the 550 error', 'is it fixed?'])(
    '"%s" is not fixed: the customer keeps waiting',
    async (says) => {
      const h = new BotHarness();
      const reference = await waitingAtStep6(h);
      await h.run([[says, msg('handoffWaiting')]]);
      expect(await caseOf(h, reference)).toMatchObject({ status: 'queued' });
    },
  );
});

describe('"forget it" is not "forget me"', () => {
  const stateKey = 'test/conversations/conv-1';

  it('"forget it" while waiting cancels the request and keeps the customer\'s progress', async () => {
    const h = new BotHarness();
    const reference = await waitingAtStep6(h);
    const [turn] = await h.run([['forget it', [statusEvent, handoffMsg('cancelled'), step(OE, 6)]]]);
    expect(turn.texts).not.toContain(msg('forgotten'));
    expect((await h.storage.read([stateKey]))[stateKey]?.progress).toMatchObject({ phase: 'steps', stepIndex: 5, clientId: 'outlook-express' });
    expect(await caseOf(h, reference)).toMatchObject({ outcome: 'cancelled' });
  });

  it('"forget me" while waiting deletes everything, the request included', async () => {
    const h = new BotHarness();
    const reference = await waitingAtStep6(h);
    await h.run([['forget me', msg('forgotten')]]);
    expect((await h.storage.read([stateKey]))[stateKey]).toBeUndefined();
    expect(await caseOf(h, reference)).toBeUndefined();
    await h.run([['hi', texts.welcome]]);
  });

  it('"forget it" on a step deletes nothing: the customer is still on their step', async () => {
    const h = new BotHarness();
    await h.run(toStep(OE, 3));
    const turn = await h.say('forget it');
    expect(turn.texts).not.toContain(msg('forgotten'));
    expect((await h.storage.read([stateKey]))[stateKey]?.progress).toMatchObject({ phase: 'steps', stepIndex: 2 });
    await h.run([['done', step(OE, 4)]]);
  });
});

describe('with a contact-centre technician (handoff.status accepted)', () => {
  it('the bot says nothing for the technician; "end chat" ends it and the contact centre is told', async () => {
    const h = new BotHarness(contactCentre);
    const reference = await waitingAtStep6(h);
    await h.run([[status('accepted'), 'A technician has joined the conversation.']]);
    expect(await caseOf(h, reference)).toMatchObject({ status: 'active', activeVia: 'protocol' });

    // Everything the customer types is for the technician: no step, no waiting message, no handoff again.
    await h.run([
      ['done', []],
      ['hello?', []],
      ['technician', []],
      ["it's working now", []],
      ['how do I cancel this box?', []],
    ]);
    expect(h.handoffs).toHaveLength(1);

    const [ended] = await h.run([['end chat', [statusEvent, handoffMsg('chatEnded'), step(OE, 6)]]]);
    expect(sentStatus(ended)).toEqual({
      state: 'completed',
      message: `The customer ended the chat for ${reference}. They're back with Stepwise.`,
      reference,
      outcome: 'customerEnded',
    });
    await h.run([['done', step(OE, 7)]]);
  });

  it('a late "accepted" for a request the customer already cancelled is ignored', async () => {
    const h = new BotHarness(contactCentre);
    await waitingAtStep6(h);
    await h.run([
      ['cancel', [statusEvent, handoffMsg('cancelled'), step(OE, 6)]],
      [status('accepted'), []],
      [status('completed'), []],
      ['done', step(OE, 7)],
    ]);
  });
});

describe('after handoff.status failed', () => {
  it('nothing says a technician will reply: phone, email and the reference again, and the steps go on', async () => {
    const h = new BotHarness(contactCentre);
    const reference = await waitingAtStep6(h);
    const failedText = handoffMsg('failed', { reference });
    const noTechnician = `No technician can join you here right now. Please call 1-800-232-4335 or email support@airmail.net and quote reference ${reference}. To carry on with the steps on your own, say continue.`;
    expect(noTechnician).toBe(handoffMsg('noTechnician', { reference }));

    const turns = await h.run([
      [status('failed'), failedText],
      ['done', noTechnician],
      ['hello?', noTechnician],
      ['technician', noTechnician],
      ['continue', [msg('handoffCancelled'), step(OE, 6)]],
      ['done', step(OE, 7)],
    ]);
    for (const said of turns.flatMap((t) => t.texts)) {
      expect(said).not.toMatch(/will (reply|join)/);
      expect(said).not.toBe(msg('handoffWaiting'));
    }
    expect(await caseOf(h, reference)).toMatchObject({ status: 'closed', outcome: 'failed' });
  });

  it('"cancel" goes back to the steps; "I fixed it" is congratulated without a request to cancel', async () => {
    const cancelling = new BotHarness(contactCentre);
    await waitingAtStep6(cancelling);
    await cancelling.run([
      [status('failed'), expect.stringMatching(/^Sorry, I couldn't connect you to a technician\./) as unknown as string],
      ['cancel', [msg('handoffCancelled'), step(OE, 6)]],
    ]);

    const fixed = new BotHarness(contactCentre);
    await waitingAtStep6(fixed);
    await fixed.run([
      [status('failed'), expect.stringMatching(/^Sorry, I couldn't connect you to a technician\./) as unknown as string],
      ['I fixed it', "That's great news, well done for getting it working! If anything else comes up, come back any time: just send a message here."],
      ['thanks', msg('completedAlready')],
    ]);
  });
});

describe('the handoff message claims a step only when one was reached', () => {
  const stepClaim = "They'll see which step you reached";

  it('before a program was chosen', async () => {
    const h = new BotHarness();
    const [, turn] = await h.run([
      ['hi', texts.welcome],
      [
        'technician',
        [
          handoffEvent('customerAsked'),
          expect.stringMatching(
            /^I'm bringing in a technician\. They'll see our conversation so far, so you won't have to repeat yourself\. Your reference number is SW-[2-9A-HJ-NP-Z]{6}\. If you'd rather not wait, call 1-800-232-4335 \(toll-free\) or email support@airmail\.net\.$/,
          ) as unknown as string,
        ],
      ],
    ]);
    expect(turn.texts[0]).not.toContain(stepClaim);
    expect(h.lastHandoff()).toMatchObject({ stepReached: null, where: 'mail program not chosen yet' });
  });

  it('a program without a guided procedure (Thunderbird)', async () => {
    const h = new BotHarness();
    const [, turn] = await h.run([
      ['hi', texts.welcome],
      ['Thunderbird', msg('genericOffer', { clientName: 'Thunderbird' })],
      ['Talk to a technician', [handoffEvent('unsupportedClient'), texts.handoffBeforeSteps]],
    ]);
    expect(turn.texts.join(' ')).not.toContain(stepClaim);
  });

  it('on step 1, before finishing it', async () => {
    const h = new BotHarness();
    await h.run([...toStep(OE, 1), ['agent', [handoffEvent('customerAsked'), texts.handoffBeforeSteps]]]);
  });

  it('after step 1 was done the step is claimed', async () => {
    const h = new BotHarness();
    await h.run([...toStep(MSO, 2), ['agent', [handoffEvent('customerAsked'), texts.handoff]]]);
    expect(h.lastHandoff()).toMatchObject({ stepReached: '2 of 9', stepsCompleted: 1 });
  });

  it('a gateway that gives no notice of its own gets the same choice', async () => {
    const gateway: HandoffGateway = { initiate: async () => undefined };
    const before = new BotHarness({ handoff: gateway });
    await before.run([
      ['hi', texts.welcome],
      ['technician', `${handoffMsg('startedBeforeSteps')} ${msg('handoffAlternatives')}`],
    ]);
    const after = new BotHarness({ handoff: gateway });
    await after.run([...toStep(OE, 3), ['technician', `${msg('handoffStarted')} ${msg('handoffAlternatives')}`]]);
  });
});

describe('the waiting reminder', () => {
  it('says how to carry on alone and how to cancel; after the first time, the short version', async () => {
    const h = new BotHarness();
    await waitingAtStep6(h);
    const [first, second, third] = await h.run([
      ['how long?', msg('handoffWaiting')],
      ['hello?', handoffMsg('stillWaiting')],
      ['done', handoffMsg('stillWaiting')],
    ]);
    for (const turn of [first, second, third]) {
      expect(turn.texts[0]).toMatch(/say continue|Say continue/);
      expect(turn.texts[0]).toMatch(/cancel/);
      expect(turn.messages[0].suggestedActions?.actions.map((a) => a.title)).toEqual(['Continue', 'Start over']);
    }
    // The sentence that a technician will reply is said once, not on every message.
    expect(second.texts[0]).not.toContain('will reply here');
  });

  it('with a gateway that keeps no cases, the handoff dialog answers the same way', async () => {
    const h = new BotHarness({ handoff: { initiate: async () => undefined } });
    await h.run([
      ...toStep(OE, 4),
      ['technician', `${msg('handoffStarted')} ${msg('handoffAlternatives')}`],
      ['how long?', msg('handoffWaiting')],
      ['hello?', handoffMsg('stillWaiting')],
      ['forget it', [handoffMsg('cancelled'), step(OE, 4)]],
      ['technician', `${msg('handoffStarted')} ${msg('handoffAlternatives')}`],
      ["it's working now", handoffMsg('fixedCancelled')],
      ['thanks', msg('completedAlready')],
    ]);
  });
});
