/**
 * A caller who asks for a technician outside business hours is offered a callback at the number they are
 * calling from: "call me back" or key 1 records it on their case; a number they say instead is taken.
 */
import { ManualClock } from '../../src/handoff/clock';
import { PhoneStepwise, startPhoneStepwise } from '../support/phoneCalls';

const clock = new ManualClock('2026-12-05T17:00:00Z'); // a Saturday
let phone: PhoneStepwise;
beforeAll(async () => {
  phone = await startPhoneStepwise({ BUSINESS_HOURS: '08:00-18:00', BUSINESS_DAYS: 'mon-fri', BUSINESS_TIMEZONE: 'America/Chicago' }, { clock });
});
afterAll(() => phone.stop());
afterEach(() => expect(phone.acs.refused).toEqual([]));

const hours = 'Monday to Friday, 8:00 to 18:00 (America/Chicago)';
const caseOf = async (reference: string) => (await phone.stepwise.app.bot.handoff.cases.all()).find((c) => c.reference === reference);
const spelled = (reference: string) => reference.replace('-', '').split('').join(' ');

test('after hours: offered a callback at the calling number; key 1 records it, and the call goes on', async () => {
  const call = await phone.ring('+12145550123');
  await call.say('outlook express');
  const offer = await call.say('technician');
  const [reference] = (await phone.stepwise.app.bot.handoff.cases.all()).filter((c) => c.outcome === 'afterHours').map((c) => c.reference);
  expect(offer).toEqual([
    `Our technicians are available ${hours}, so no one can join you right now. One of them can call you back then, at the number you're calling from, or at another number you tell me. Your reference is ${spelled(reference)}. To carry on with the steps meanwhile, say continue. Say Call me back or press 1. Say Continue or press 2.`,
  ]);
  // Nobody to transfer to: the bridge listens for the answer.
  expect(call.lastRequests.map((r) => r.action)).toEqual(['recognize']);

  const confirmed = await call.press('1');
  expect(confirmed).toEqual([
    `Thank you. A technician will call you at 214-555-0123 when we're open, ${hours}. Your reference is ${spelled(reference)}. To carry on with the steps meanwhile, say continue. Say Continue or press 1.`,
  ]);
  // The number is read as a phone number.
  expect(JSON.stringify(call.lastRequests[0].body)).toContain('<say-as interpret-as=\\"telephone\\">214-555-0123</say-as>');
  expect((await caseOf(reference))?.callback).toEqual({ number: '+12145550123', requestedAt: '2026-12-05T17:00:00.000Z' });

  const back = await call.say('continue');
  expect(back[0]).toBe("Okay, let's carry on with the steps meanwhile. The technician will still call you.");
  expect(back[1]).toMatch(/^Step 1 of 8\./);
});

test('after hours: a caller who says another number is called back there', async () => {
  const call = await phone.ring('+14695550188');
  await call.say('outlook express');
  await call.say('technician');
  const reference = (await phone.stepwise.app.bot.handoff.cases.all()).find((c) => c.customer.channelId === 'phone' && !c.callback)!.reference;
  const confirmed = await call.say('call me on my cell, nine seven two five five five oh one nine nine');
  expect(confirmed[0]).toMatch(/^Thank you\. A technician will call you at 972-555-0199 when we're open/);
  expect((await caseOf(reference))?.callback?.number).toBe('+19725550199');
});
