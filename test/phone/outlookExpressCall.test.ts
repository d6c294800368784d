import { CallRecords } from '../../src/phone/callRecords';
import { greeting, outlookExpressIntro, verifyAsk, verifyWorked } from '../support/outlookExpress';
import { AcsStandIn } from '../../tools/lib/acsStandIn';
import { acsTopic, heardIn, ispNumber, PhoneCall, PhoneStepwise, startPhoneStepwise } from '../support/phoneCalls';

let phone: PhoneStepwise;
beforeAll(async () => {
  phone = await startPhoneStepwise();
});
afterAll(() => phone.stop());
afterEach(() => {
  // Every request Stepwise made carried a valid HMAC signature of the stand-in's access key.
  expect(phone.acs.refused).toEqual([]);
});

const programChoices = 'Say Outlook Express or press 1. Say Microsoft Outlook or press 2. Say Another program or press 3. Say Español or press 4.';
const stepChoices = 'Say Done or press 1. Say Help or press 2. Say Talk to a technician or press 3.';
const shortPrompt = "Say done when you've finished, or help.";
const spokenSteps = [
  'Step 1 of 8. Click the Tools menu, then choose Accounts.',
  "Step 2 of 8. You'll see your accounts. Click your account once to highlight it, then click the Properties button.",
  'Step 3 of 8. Click the General tab.',
  'Step 4 of 8. Click the Servers tab.',
  'Step 5 of 8. In the Outgoing mail, S M T P, box, make sure the server is smtp dot airmail dot net.',
  'Step 6 of 8. In the Account name box, make sure your full email address is entered, including at airmail dot net.',
  'Step 7 of 8. Put a check mark in the option My server requires authentication.',
  'Step 8 of 8. Click the OK button, then click the Close button.',
];
/** Nothing a caller hears may send them to a screen they do not have. */
const notForCallers = /\b(type|typing|chat|below|tap|scroll)\b/i;

let callerCount = 0;
function newCaller(): string {
  callerCount += 1;
  return `+1214555${String(1000 + callerCount)}`;
}

test('a whole Outlook Express call: answered, greeted, choices by speech and keypad, one step per turn, verified', async () => {
  const caller = newCaller();
  const call = await phone.ring(caller, { 'X-MS-Custom-QueuePosition': '14', 'X-MS-Custom-AccountId': 'A-20417' });

  const [answer, firstListen, ...rest] = call.requests();
  expect(rest).toEqual([]);
  expect(answer.body).toMatchObject({
    incomingCallContext: `4:${caller}`,
    callIntelligenceOptions: { cognitiveServicesEndpoint: 'https://isp-speech.cognitiveservices.azure.com/' },
  });
  expect(answer.body.callbackUri).toMatch(new RegExp(`^${phone.baseUrl}/api/calls/events\\?call=[0-9a-f-]{36}&secret=[A-Za-z0-9_-]{32}$`));

  // The greeting is the prompt of the first listen: speech or one key, the caller may interrupt it.
  expect(firstListen.action).toBe('recognize');
  expect(firstListen.body).toMatchObject({
    recognizeInputType: 'speechOrDtmf',
    operationContext: 'listen',
    recognizeOptions: {
      interruptPrompt: true,
      initialSilenceTimeoutInSeconds: 20,
      targetParticipant: { rawId: `4:${caller}` },
      speechLanguage: 'en-US',
      speechOptions: { endSilenceTimeoutInMs: 2000 },
      dtmfOptions: { maxTonesToCollect: 1 },
    },
  });
  const heard: string[] = [];
  const listen = (said: string[]) => {
    heard.push(...said);
    return said;
  };
  expect(listen(heardIn(firstListen))).toEqual([`${greeting} ${programChoices}`]);

  expect(listen(await call.say('outlook express'))).toEqual([outlookExpressIntro, `${spokenSteps[0]} ${stepChoices}`]);
  expect(listen(await call.press('1'))).toEqual([`${spokenSteps[1]} ${shortPrompt}`]);
  expect(listen(await call.say('done'))).toEqual([`${spokenSteps[2]} ${shortPrompt}`]);
  // "help" by its key: the step's hint, then the short prompt.
  const [hint] = listen(await call.press('2'));
  expect(hint).toMatch(/^Help for step 3: The tabs run along the top of the Properties window/);
  expect(listen(await call.say('repeat'))).toEqual([`${spokenSteps[2]} ${stepChoices}`]);
  for (let step = 3; step < 8; step++) {
    expect(listen(await (step % 2 ? call.say("okay that's done") : call.press('1')))).toEqual([`${spokenSteps[step]} ${shortPrompt}`]);
  }
  expect(listen(await call.say('done'))).toEqual([`${verifyAsk} Say It worked or press 1. Say Still failing or press 2.`]);
  expect(listen(await call.say('yes it went through'))).toEqual([verifyWorked]);

  for (const sentence of heard) expect(sentence).not.toMatch(notForCallers);
  // The caller's number and what the IVR put on the call are kept with the call, for the conversation.
  const callKey = new URL(answer.body.callbackUri).searchParams.get('call')!;
  const record = await new CallRecords(phone.stepwise.app.storage.storage).get(callKey);
  expect(record).toMatchObject({
    conversationId: `phone-${callKey}`,
    callerNumber: caller,
    ivrContext: { 'X-MS-Custom-QueuePosition': '14', 'X-MS-Custom-AccountId': 'A-20417' },
    callConnectionId: call.callConnectionId,
    status: 'connected',
  });
  expect(record!.userId).toMatch(/^phone-[0-9a-f]{32}$/);
  expect(JSON.stringify(record)).not.toContain(new URL(answer.body.callbackUri).searchParams.get('secret')!);
  // Every turn was answered by listening again (barge-in on), never by a bare play.
  expect(phone.acs.requestsFor(call.callConnectionId).map((r) => r.action)).toEqual(['answer', ...Array(13).fill('recognize')]);
});

async function toStep(call: PhoneCall, step: number): Promise<void> {
  await call.say('outlook express');
  for (let i = 1; i < step; i++) await call.say('done');
  call.requests();
}

test('"technician" on a step: the caller hears what happens and their reference, then the call is transferred with the reference and summary in SIP headers', async () => {
  const call = await phone.ring(newCaller());
  await toStep(call, 5);

  const announced = await call.say('I want to talk to a technician');
  const requests = call.lastRequests;
  expect(requests.map((r) => r.action)).toEqual(['play', 'transferToParticipant']);
  const reference = /SW-[2-9A-HJ-NP-Z]{6}/.exec(JSON.stringify(requests[1].body))![0];
  expect(announced).toEqual([
    "I'm connecting you to a technician now, so please stay on the line. They'll see which step you reached. If the call drops, call us at 1-800-232-4335.",
    `Your reference number is ${reference.replace('-', '').split('').join(' ')}, in case the call drops.`,
  ]);
  expect(requests[0].body.operationContext).toBe('before-transfer');
  expect(requests[1].body).toEqual({
    targetParticipant: { kind: 'phoneNumber', rawId: '4:+18005550123', phoneNumber: { value: '+18005550123', isAnonymous: false } },
    operationContext: 'transfer',
    customCallingContext: {
      voipHeaders: {},
      sipHeaders: {
        'X-MS-Custom-Stepwise-Reference': reference,
        'X-MS-Custom-Stepwise-Where': 'stuck at step 5 of 8: Outgoing mail server',
        'X-MS-Custom-Stepwise-Summary': 'Outlook Express: stuck at step 5 of 8: Outgoing mail server. The customer asked for a technician.',
      },
    },
  });
  // Accepted and gone: the bridge asks nothing more of the call.
  expect(call.requests()).toEqual([]);
});

test('a caller who withholds their number is answered, and is a new caller every time', async () => {
  const withheld = async () => {
    const event = AcsStandIn.incomingCallEvent({ from: '+10000000000', to: ispNumber, topic: acsTopic });
    const data = event.data as Record<string, any>;
    data.from = { kind: 'phoneNumber', rawId: '4:anonymous', phoneNumber: { value: 'anonymous', isAnonymous: true } };
    data.incomingCallContext = '4:anonymous';
    const before = phone.acs.requests.length;
    expect((await phone.postEventGrid([event])).status).toBe(200);
    await phone.acs.settled();
    const listen = phone.acs.requests.slice(before).find((r) => r.action === 'recognize')!;
    expect(listen.body.recognizeOptions.targetParticipant.rawId).toBe('4:anonymous');
    return listen;
  };
  const first = await withheld();
  expect(heardIn(first)[0]).toMatch(/^Hi, I'm Stepwise/);
  await phone.acs.said(first.callConnectionId!, 'outlook express');
  await phone.acs.settled();
  const second = await withheld();
  expect(heardIn(second)[0]).toMatch(/^Hi, I'm Stepwise/);
});
