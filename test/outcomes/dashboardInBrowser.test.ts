import { ManualClock } from '../../src/handoff/clock';
import { launchBrowser, type BrowserSession } from '../support/browser';
import { HttpConversation, RunningStepwise, startStepwise } from '../support/stepwiseServer';

/**
 * The dashboard in Chromium after four scripted conversations: its figures are theirs, the funnel is drawn,
 * the step that lost most customers is named, a channel filter narrows it, and the CSV holds the same numbers.
 */
jest.setTimeout(120_000);

let stepwise: RunningStepwise;
let browser: BrowserSession;
let clock: ManualClock;

beforeAll(async () => {
  clock = new ManualClock('2026-12-01T15:00:00Z');
  stepwise = await startStepwise({}, { clock });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stepwise?.stop();
});

async function converse(customer: HttpConversation, messages: string[]): Promise<void> {
  await customer.join();
  for (const text of messages) {
    clock.advance(20);
    await customer.say(text);
  }
}

test('the figures of four conversations, and the step that loses most customers', async () => {
  // Fixed without a technician.
  await converse(new HttpConversation(stepwise), ['Outlook Express', ...Array(8).fill('done'), 'it worked']);
  // Stuck on step 2: its help, then a technician.
  await converse(new HttpConversation(stepwise), ['Outlook Express', 'done', "I'm stuck", "I'm stuck"]);
  // A question on step 2, then nothing more: abandoned once the session timeout has passed.
  await converse(new HttpConversation(stepwise), ['Outlook Express', 'done', 'what is my password?']);
  // By SMS: a technician at once.
  await converse(new HttpConversation(stepwise, 'sms'), ['technician']);
  clock.advance(31 * 60);
  await stepwise.app.outcomes.flush();

  const { page } = browser;
  await page.goto(`${stepwise.baseUrl}/support`);
  await page.waitForSelector('body[data-loaded="true"]', { timeout: 20_000 });
  const figure = (name: string) => page.locator(`[data-figure="${name}"]`).textContent();
  const rate = (name: string) => page.locator(`[data-rate="${name}"]`).textContent();
  expect([await figure('conversations'), await figure('contained'), await figure('handedOff'), await figure('abandoned')]).toEqual(['4', '1', '2', '1']);
  expect([await rate('contained'), await rate('handedOff'), await rate('abandoned')]).toEqual(['25%', '50%', '25%']);
  expect(await page.locator('#most-lost').textContent()).toBe(
    "Step 2 of Outlook Express (Open your account's properties) loses most customers: 2 of the 3 who reached it stopped there.",
  );

  const funnel = page.locator('#funnels section[data-program="outlook-express"]');
  const cells = async (step: number) =>
    funnel.locator(`tr[data-step="${step}"] td[data-measure]`).evaluateAll((tds) => tds.map((td) => `${td.getAttribute('data-measure')}=${td.textContent}`));
  expect(await cells(1)).toEqual(['reached=3', 'completed=3', 'help=0', 'questions=0', 'stuck=0', 'handedOff=0', 'dropped=0', 'medianSeconds=20 s']);
  expect(await cells(2)).toEqual(['reached=3', 'completed=1', 'help=1', 'questions=1', 'stuck=1', 'handedOff=1', 'dropped=1', 'medianSeconds=20 s']);
  expect(await funnel.locator('tr.most-lost').getAttribute('data-step')).toBe('2');
  // Chart.js drew the funnel on its canvas.
  expect(await funnel.locator('canvas').evaluate((canvas) => (canvas as unknown as { width: number }).width > 0 && typeof (globalThis as { Chart?: unknown }).Chart === 'function')).toBe(true);

  const rows = (table: string) => page.locator(`#${table} tbody tr`).evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent).join(': ')));
  expect(await rows('handoffReasons')).toEqual(['Asked for a technician: 1', 'Could not do a step: 1']);
  expect(await rows('questions')).toEqual(['Which password?: 1']);
  expect(await rows('entries')).toEqual(['Greeting: 4']);

  const csv = await page.evaluate(async (href) => (await fetch(href!)).text(), await page.locator('#csv').getAttribute('href'));
  expect(csv.split('\r\n')).toEqual(expect.arrayContaining(['summary,,,conversations,4', 'summary,,,containmentRate,0.25', 'funnel,outlook-express,2,dropped,1']));

  await page.selectOption('#channel', 'sms');
  await Promise.all([page.waitForURL(/channel=sms/), page.click('#filters button[type="submit"]')]);
  await page.waitForSelector('body[data-loaded="true"]', { timeout: 20_000 });
  expect([await figure('conversations'), await figure('handedOff'), await figure('contained')]).toEqual(['1', '1', '0']);
  expect(await page.locator('#most-lost').textContent()).toBe('No step lost a customer in this period.');
});
