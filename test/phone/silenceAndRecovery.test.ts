import { heardIn, PhoneCall, PhoneStepwise, startPhoneStepwise } from '../support/phoneCalls';

let phone: PhoneStepwise;
beforeAll(async () => {
  phone = await startPhoneStepwise();
});
afterAll(() => phone.stop());
afterEach(() => {
  phone.acs.transferOutcome = 'accept';
  expect(phone.acs.refused).toEqual([]);
});

const shortPrompt = "Say done when you've finished, or help.";
const stepChoices = 'Say Done or press 1. Say Help or press 2. Say Talk to a technician or press 3.';
const step = (n: number) => `When you've finished step ${n}, say done.`;
const silenceOffer = "Would you like a technician to help? Say technician, or press 0, and I'll put you through. Or carry on whenever you're ready.";

let callerCount = 0;
function newCaller(): string {
  callerCount += 1;
  return `+1469555${String(2000 + callerCount)}`;
}

async function toStep(call: PhoneCall, n: number): Promise<void> {
  await call.say('outlook express');
  for (let i = 1; i < n; i++) await call.say('done');
}

test("silence is a \"didn't hear you\" turn; two in a row offer a technician, and 0 then transfers", async () => {
  const call = await phone.ring(newCaller());
  await toStep(call, 3);

  expect(await call.silence()).toEqual([`Sorry, I didn't hear you. ${step(3)} ${shortPrompt}`]);
  expect(call.lastRequests.map((r) => r.action)).toEqual(['recognize']);
  expect(await call.silence()).toEqual([`Sorry, I didn't hear you. ${step(3)} ${shortPrompt}`, silenceOffer]);
  // Speaking resets the count: the next single silence is not an offer.
  expect(await call.say('done')).toEqual([`Step 4 of 8. Click the Servers tab. ${shortPrompt}`]);
  expect(await call.silence()).toEqual([`Sorry, I didn't hear you. ${step(4)} ${shortPrompt}`]);

  await call.press('0');
  expect(call.lastRequests.map((r) => r.action)).toEqual(['play', 'transferToParticipant']);
  expect(call.lastRequests[1].body.customCallingContext.sipHeaders['X-MS-Custom-Stepwise-Where']).toBe('stuck at step 4 of 8: Servers tab');
});

test('a caller who stays silent for six listens is told so and the call is ended; their step is kept', async () => {
  const caller = newCaller();
  const call = await phone.ring(caller);
  await toStep(call, 2);
  for (let i = 0; i < 5; i++) await call.silence();

  expect(await call.silence()).toEqual([
    "I haven't heard from you for a while, so I'll end this call now. Call back any time and we'll carry on from the same step.",
  ]);
  expect(call.lastRequests.map((r) => [r.action, r.body.operationContext])).toEqual([
    ['play', 'goodbye'],
    ['hangUp', undefined],
  ]);

  const again = await phone.ring(caller);
  expect(again.requests().flatMap((r) => (r.action === 'recognize' ? [r] : []))).toHaveLength(1);
  expect(await again.say('continue')).toEqual([`Step 2 of 8. You'll see your accounts. Click your account once to highlight it, then click the Properties button. ${stepChoices}`]);
});

test('a failed transfer tells the caller the number and the reference, keeps the case, and the caller can carry on', async () => {
  const call = await phone.ring(newCaller());
  await toStep(call, 6);
  phone.acs.transferOutcome = 'fail';

  const announced = await call.say('technician');
  const transfer = call.lastRequests.find((r) => r.action === 'transferToParticipant')!;
  const reference: string = transfer.body.customCallingContext.sipHeaders['X-MS-Custom-Stepwise-Reference'];
  const spelled = reference.replace('-', '').split('').join(' ');
  expect(announced.at(-2)).toBe(`Your reference number is ${spelled}, in case the call drops.`);
  // After the failure the caller hears the number to call and the reference, and is listened to again.
  expect(call.lastRequests.map((r) => r.action)).toEqual(['play', 'transferToParticipant', 'recognize']);
  expect(announced.at(-1)).toBe(
    `Sorry, I couldn't connect you to a technician. Please call 1-800-232-4335 or email support at airmail dot net and quote reference ${spelled}. To carry on with the steps meanwhile, say continue. Say Continue or press 1.`,
  );

  // The case stays on record with its summary, for the technician who takes the caller's call quoting it.
  const cases = await phone.stepwise.app.bot.handoff.cases.all();
  expect(cases.find((c) => c.reference === reference)).toMatchObject({ status: 'closed', outcome: 'failed', summary: { stepReached: '6 of 8' } });

  expect(await call.say('continue')).toEqual(expect.arrayContaining([expect.stringMatching(/^Step 6 of 8\./)]));
});

test('hanging up keeps the place: the same number calling back is welcomed back at the same step', async () => {
  const caller = newCaller();
  const call = await phone.ring(caller);
  await toStep(call, 5);
  await call.hangUp();
  expect(call.lastRequests).toEqual([]);

  const again = await phone.ring(caller);
  const greeting = again.requests().filter((r) => r.action === 'recognize');
  expect(greeting).toHaveLength(1);
  expect(heardIn(greeting[0])).toEqual([
    'Welcome back! You were on step 5 of 8 for Outlook Express: continue or start over? Say Continue or press 1. Say Start over or press 2.',
  ]);
  expect(await again.say('continue')).toEqual([
    `Step 5 of 8. In the Outgoing mail, S M T P, box, make sure the server is smtp dot airmail dot net. ${stepChoices}`,
  ]);

  // Another number is a new caller.
  const stranger = await phone.ring(newCaller());
  expect(heardIn(stranger.requests().find((r) => r.action === 'recognize')!)[0]).toMatch(/^Hi, I'm Stepwise/);
});
