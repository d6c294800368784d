import { HttpConversation, RunningStepwise, startStepwise, texts } from '../support/stepwiseServer';

const politeMessage =
  "You're sending messages a little faster than I can keep up with. Please wait a few seconds, then send your last message again.";
const tooMany = { error: 'Too many requests: slow down and retry after the time in Retry-After.' };
const step = (n: number) =>
  [
    '**Step 1 of 8:** Click on the **Tools** menu, then choose **Accounts**.',
    '**Step 2 of 8:** In this window you will see your currently installed accounts. Click on your account once so it is highlighted, then click the **Properties** button.',
    '**Step 3 of 8:** Click on the **General** tab.',
  ][n - 1];

describe('request body size', () => {
  let stepwise: RunningStepwise;
  beforeAll(async () => {
    stepwise = await startStepwise({ MAX_REQUEST_BYTES: '4096' });
  });
  afterAll(() => stepwise.stop());

  const tooLarge = { error: 'The request body is larger than 4096 bytes.' };

  test('a body over MAX_REQUEST_BYTES gets 413 (declared length), and the server carries on', async () => {
    const conversation = new HttpConversation(stepwise);
    const result = await conversation.say('x'.repeat(5000));
    expect(result.status).toBe(413);
    expect(result.replies).toEqual([]);
    const response = await fetch(stepwise.botUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'y'.repeat(5000) }) });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual(tooLarge);

    const greeting = await conversation.join();
    expect(greeting.status).toBe(200);
    expect(texts(greeting.replies)[0]).toMatch(/^Hi, I'm Stepwise/);
  });

  test('a chunked body (no Content-Length) over the limit also gets 413', async () => {
    const chunk = new TextEncoder().encode(`{"type":"message","text":"${'z'.repeat(1000)}`);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 8; i++) controller.enqueue(chunk);
        controller.enqueue(new TextEncoder().encode('"}'));
        controller.close();
      },
    });
    const response = await fetch(stepwise.botUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual(tooLarge);
  });
});

describe('very long text', () => {
  let stepwise: RunningStepwise;
  beforeAll(async () => {
    stepwise = await startStepwise();
  });
  afterAll(() => stepwise.stop());

  test('is read up to 2,000 characters and never echoed: not in replies, not in the transcript, not in the handoff', async () => {
    const conversation = new HttpConversation(stepwise);
    await conversation.say('Outlook Express');
    const marker = 'TAIL-MARKER-THAT-MUST-NOT-COME-BACK';
    const long = `${'blah '.repeat(20_000)}${marker}`;
    const turn = await conversation.say(long);
    expect(turn.status).toBe(200);
    expect(texts(turn.replies)).toEqual(["Sorry, I didn't understand that. When you've finished step 1, say done; or ask me anything about it."]);

    const handoff = await conversation.say('technician');
    expect(handoff.replies.find((a) => a.type === 'event')?.name).toBe('handoff.initiate');

    const transcript = await stepwise.app.bot.transcripts.getTranscriptActivities('webchat', conversation.address.conversationId);
    const kept = transcript.items.map((a) => a.text ?? '');
    // The bot read 2,000 characters; the transcript kept with the state keeps the first 500 of a message.
    expect(Math.max(...kept.map((text) => text.length))).toBe(500);
    const everything = JSON.stringify([stepwise.connector.activities(conversation.address.conversationId), transcript, stepwise.logLines]);
    expect(everything).not.toContain(marker);
    expect(JSON.stringify(stepwise.connector.activities(conversation.address.conversationId)).length).toBeLessThan(20_000);
  });
});

describe('rate limits', () => {
  let stepwise: RunningStepwise;
  let now = Date.parse('2026-01-01T09:00:00Z');

  beforeAll(async () => {
    stepwise = await startStepwise(
      { RATE_LIMIT_WINDOW_SECONDS: '60', RATE_LIMIT_PER_CONVERSATION: '5', RATE_LIMIT_PER_ADDRESS: '12' },
      { clock: { now: () => new Date(now) } },
    );
  });
  afterAll(() => stepwise.stop());

  async function raw(conversation: HttpConversation, text: string) {
    const response = await fetch(stepwise.botUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        text,
        channelId: 'webchat',
        serviceUrl: stepwise.connector.serviceUrl,
        conversation: { id: conversation.address.conversationId },
        from: { id: conversation.address.userId },
      }),
    });
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.json().catch(() => undefined) };
  }

  test('a burst from one conversation is refused politely, does not starve another, and loses no progress', async () => {
    const noisy = new HttpConversation(stepwise);
    const calm = new HttpConversation(stepwise);

    expect(texts((await noisy.say('Outlook Express')).replies).at(-1)).toBe(step(1));
    expect(texts((await noisy.say('done')).replies)).toEqual([step(2)]);
    expect(texts((await noisy.say('done')).replies)).toEqual([step(3)]);
    await noisy.say('hmm');
    await noisy.say('repeat');
    // Five in the window: the burst starts here.
    const burst = [];
    for (let i = 0; i < 30; i++) burst.push(await raw(noisy, 'done'));
    for (const refused of burst) {
      expect(refused).toEqual({ status: 429, retryAfter: '12', body: tooMany });
    }
    // Told once, politely, however long the burst.
    expect(texts(stepwise.connector.take(noisy.address.conversationId))).toEqual([politeMessage]);

    // Another customer at the same address is served normally during the burst.
    const greeting = await calm.join();
    expect(greeting.status).toBe(200);
    expect(texts(greeting.replies)[0]).toMatch(/^Hi, I'm Stepwise/);
    expect(texts((await calm.say('Outlook Express')).replies).at(-1)).toBe(step(1));

    // A minute later the noisy customer carries on from step 3: none of the refused "done"s counted.
    now += 60_000;
    const repeat = await noisy.say('repeat');
    expect(repeat.status).toBe(200);
    expect(texts(repeat.replies)).toEqual([step(3)]);
  });

  test('the per-address limit stops a caller who invents a conversation per request; one polite reply per window', async () => {
    now += 60_000;
    const results = [];
    const conversations = Array.from({ length: 20 }, () => new HttpConversation(stepwise));
    for (const conversation of conversations) results.push(await raw(conversation, 'hello'));
    expect(results.slice(0, 12).map((r) => r.status)).toEqual(Array(12).fill(200));
    expect(results.slice(12)).toEqual(Array(8).fill({ status: 429, retryAfter: '5', body: tooMany }));
    const politeReplies = conversations.slice(12).flatMap((c) => texts(stepwise.connector.take(c.address.conversationId)));
    expect(politeReplies).toEqual([politeMessage]);

    now += 5_000;
    expect((await raw(new HttpConversation(stepwise), 'hello')).status).toBe(200);
  });
});
