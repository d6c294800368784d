import { loadConfig } from '../../src/config/config';
import { loadContent } from '../../src/content/loader';
import { BusinessHours } from '../../src/handoff/businessHours';
import { ManualClock } from '../../src/handoff/clock';
import { HttpConversation, RunningStepwise, texts } from '../support/stepwiseServer';
import type { WebhookServer } from '../support/webhookServer';
import { startWeekdayDesk } from '../support/weekdayDesk';

const messages = loadContent(loadConfig({}).isp).messages.handoff;

function hours(env: Record<string, string>): BusinessHours {
  return new BusinessHours(loadConfig(env).handoff.businessHours);
}

describe('business hours', () => {
  const weekdays = hours({ BUSINESS_HOURS: '08:00-18:00', BUSINESS_DAYS: 'mon-fri', BUSINESS_TIMEZONE: 'America/Chicago' });

  test.each([
    ['2026-11-30T13:59:00Z', false, 'Monday 7:59 in Chicago (CST, UTC-6)'],
    ['2026-11-30T14:00:00Z', true, 'Monday 8:00'],
    ['2026-11-30T23:59:00Z', true, 'Monday 17:59'],
    ['2026-12-01T00:00:00Z', false, 'Monday 18:00'],
    ['2026-12-05T17:00:00Z', false, 'Saturday 11:00'],
    ['2026-07-06T13:00:00Z', true, 'Monday 8:00 in summer (CDT, UTC-5)'],
    ['2026-07-06T12:59:00Z', false, 'Monday 7:59 in summer'],
  ])('%s is open: %s (%s)', (at, open) => {
    expect(weekdays.isOpen(new Date(at))).toBe(open);
  });

  test('without BUSINESS_HOURS technicians are always available', () => {
    expect(hours({}).alwaysOpen).toBe(true);
    expect(hours({}).isOpen(new Date('2026-12-05T03:00:00Z'))).toBe(true);
  });

  test('described for customers from the content words', () => {
    expect(weekdays.describe(messages)).toBe('Monday to Friday, 8:00 to 18:00 (America/Chicago)');
    expect(hours({ BUSINESS_HOURS: '09:30-17:00', BUSINESS_DAYS: 'mon,wed,fri', BUSINESS_TIMEZONE: 'Europe/London' }).describe(messages)).toBe(
      'Monday, Wednesday, Friday, 9:30 to 17:00 (Europe/London)',
    );
    expect(hours({ BUSINESS_HOURS: '08:00-12:00', BUSINESS_DAYS: 'mon-sat' }).describe(messages)).toBe('Monday to Saturday, 8:00 to 12:00 (America/Chicago)');
  });
});

describe('handoff outside business hours', () => {
  let stepwise: RunningStepwise;
  let tickets: WebhookServer;
  const clock = new ManualClock('2026-12-05T17:00:00Z'); // a Saturday
  const deskId = '19:desk@thread.tacv2';

  beforeAll(async () => {
    ({ stepwise, tickets } = await startWeekdayDesk({ destinations: 'protocol,desk,webhook', deskId, ticket: 'INC-77', clock }));
  });
  afterAll(async () => {
    await stepwise.stop();
    await tickets.stop();
  });

  test('closed: no wait and no live handoff; phone, email and the ticket as the reference; the steps go on', async () => {
    const customer = new HttpConversation(stepwise);
    await customer.say('Outlook Express');
    await customer.say('done');
    const handoff = await customer.say('technician');

    expect(handoff.replies.map((a) => a.type)).toEqual(['message']);
    expect(texts(handoff.replies)).toEqual([
      "Our technicians are available Monday to Friday, 8:00 to 18:00 (America/Chicago), so no one can join you right now. If you'd like one of them to call you back then, tell me your phone number. Or call 1-800-232-4335 or email support@airmail.net and quote reference INC-77: they'll see where you got to. To carry on with the steps meanwhile, say continue.",
    ]);
    expect(handoff.replies[0].suggestedActions?.actions.map((a) => a.title)).toEqual(['Call me back', 'Continue']);
    expect(stepwise.connector.activities(deskId)).toEqual([]);
    expect(tickets.calls).toHaveLength(1);
    expect(JSON.parse(tickets.calls[0].body)).toMatchObject({ businessHours: 'closed', summary: { stepReached: '2 of 8' } });

    const back = await customer.say('continue');
    expect(texts(back.replies)).toEqual([
      "Okay, no technician for now. Let's carry on.",
      "**Step 2 of 8:** In this window you will see your currently installed accounts. Click on your account once so it is highlighted, then click the **Properties** button.",
    ]);
  });

  test('open again on Monday morning: the same request queues for a technician', async () => {
    clock.set('2026-12-07T15:30:00Z'); // Monday 9:30 in Chicago
    const customer = new HttpConversation(stepwise);
    await customer.say('Outlook Express');
    const handoff = await customer.say('technician');
    expect(handoff.replies.map((a) => a.name ?? a.type)).toEqual(['handoff.initiate', 'stepwise.handoff', 'message']);
    expect(texts(handoff.replies)[0]).toContain("You're number 1 in the queue. Your ticket number is INC-77.");
    expect(stepwise.connector.activities(deskId)).toHaveLength(1);
  });
});
