import { launchBrowser, type BrowserSession } from '../support/browser';
import { RunningStepwise, startStepwise } from '../support/stepwiseServer';

/**
 * The website chat remembers the customer: the real page and `npm start`'s server (local mode) in Chromium.
 * A reload says "Welcome back" at their step; "forget me" makes the next load a new customer; a handoff
 * shows the waiting banner; the support number is a tel: link and the reference stays on one line; when
 * the server is gone the page says so, with the number to call.
 */
jest.setTimeout(150_000);

const CREDENTIAL_KEY = 'stepwise.webchat.credential';
const WAITING = "Waiting for a technician\u2026 They'll reply right here.";
const UNREACHABLE = "Sorry, our assistant can't be reached right now. Please reload the page to try again, or call us at 1-800-232-4335.";

let stepwise: RunningStepwise;
let browser: BrowserSession;

beforeAll(async () => {
  stepwise = await startStepwise();
  browser = await launchBrowser({ viewport: { width: 360, height: 740 } });
});
afterAll(async () => {
  await browser?.close();
  await stepwise?.stop();
});

test('reload resumes at the step; handoff waiting state; forget me; tel: link; reference on one line; cannot-reach notice', async () => {
  const { page } = browser;
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));

  const bubble = (text: string | RegExp) => page.locator('.webchat__bubble__content', { hasText: text }).last();
  const suggestions = page.getByRole('toolbar', { name: 'Suggested actions' });
  const input = page.locator('[data-id="webchat-sendbox-input"]');
  const say = async (text: string) => {
    await input.fill(text);
    await input.press('Enter');
  };
  const storedCredential = async () => (await page.evaluate(`window.localStorage.getItem(${JSON.stringify(CREDENTIAL_KEY)})`)) as string | null;
  const waiting = page.locator('#webchat-waiting');
  const unreachable = page.locator('#webchat-unreachable');

  // A first visit: the greeting, then on to step 3.
  await page.goto(`${stepwise.baseUrl}/`);
  await bubble('Which mail program do you use?').waitFor({ timeout: 20_000 });
  const credential = await storedCredential();
  expect(credential).toMatch(/^v1\.dl_[0-9a-f]{32}\.[A-Za-z0-9_-]{43}$/);
  await suggestions.getByRole('button', { name: 'Outlook Express' }).click();
  await bubble('Step 1 of 8:').waitFor({ timeout: 20_000 });
  await say('done');
  await bubble('Step 2 of 8:').waitFor({ timeout: 20_000 });
  await say('done');
  await bubble('Step 3 of 8:').waitFor({ timeout: 20_000 });

  // Reload: the same customer, welcomed back at step 3, and continuing puts them on it.
  await page.reload();
  const welcome = bubble('Welcome back!');
  await welcome.waitFor({ timeout: 20_000 });
  expect((await welcome.innerText()).trim()).toBe('Welcome back! You were on step 3 of 8 for Outlook Express: continue or start over?');
  await expect(page.locator('.webchat__bubble__content', { hasText: 'Which mail program do you use?' }).count()).resolves.toBe(0);
  expect(await storedCredential()).toBe(credential);
  await suggestions.getByRole('button', { name: 'Continue' }).click();
  await bubble('Step 3 of 8:').waitFor({ timeout: 20_000 });
  await expect(waiting.isHidden()).resolves.toBe(true);

  // A technician: the banner says so until the request ends; the number is a tel: link; the reference never wraps.
  await say('technician');
  const handoff = bubble('Your reference number is');
  await handoff.waitFor({ timeout: 20_000 });
  await waiting.waitFor({ state: 'visible', timeout: 10_000 });
  expect((await waiting.innerText()).trim()).toBe(WAITING);
  const phoneLink = handoff.locator('a[href="tel:+18002324335"]');
  await expect(phoneLink.innerText()).resolves.toBe('1-800-232-4335');
  const reference = handoff.locator('code');
  await expect(reference.innerText()).resolves.toMatch(/^SW-[2-9A-HJ-NP-Z]{6}$/);
  /* eslint-disable @typescript-eslint/no-explicit-any */
  await expect(reference.evaluate((el: any) => (globalThis as any).getComputedStyle(el).whiteSpace)).resolves.toBe('nowrap');
  await expect(reference.evaluate((el: any) => el.getClientRects().length)).resolves.toBe(1);
  /* eslint-enable @typescript-eslint/no-explicit-any */
  await say('cancel');
  // (Web Chat's markdown turns ' into ’.)
  await bubble('cancelled your request for a technician').waitFor({ timeout: 20_000 });
  await waiting.waitFor({ state: 'hidden', timeout: 10_000 });

  // Forget me: the page drops the credential, and the next load is a new customer.
  await say('forget me');
  await bubble('deleted everything I had stored about you').waitFor({ timeout: 20_000 });
  await page.waitForFunction(`window.localStorage.getItem(${JSON.stringify(CREDENTIAL_KEY)}) === null`, undefined, { timeout: 10_000 });
  await page.reload();
  await bubble('Which mail program do you use?').waitFor({ timeout: 20_000 });
  await expect(page.locator('.webchat__bubble__content', { hasText: 'Welcome back' }).count()).resolves.toBe(0);
  const fresh = await storedCredential();
  expect(fresh).toMatch(/^v1\.dl_/);
  expect(fresh!.split('.')[1]).not.toBe(credential!.split('.')[1]);
  await expect(unreachable.isHidden()).resolves.toBe(true);

  // No token (the server refuses or is unreachable): the notice, with the number to call.
  await page.route('**/api/directline/token', (route) => route.abort());
  await page.reload();
  await unreachable.waitFor({ state: 'visible', timeout: 10_000 });
  expect((await unreachable.innerText()).trim()).toBe(UNREACHABLE);
  await expect(unreachable.locator('a').getAttribute('href')).resolves.toBe('tel:+18002324335');
  await page.unroute('**/api/directline/token');

  // The server goes away mid-conversation: a message that cannot be sent brings the notice.
  await page.reload();
  await bubble('Which mail program do you use?').waitFor({ timeout: 20_000 });
  await expect(unreachable.isHidden()).resolves.toBe(true);
  await stepwise.stop();
  await say('Outlook Express');
  await unreachable.waitFor({ state: 'visible', timeout: 40_000 });
  expect((await unreachable.innerText()).trim()).toBe(UNREACHABLE);

  expect(problems).toEqual([]);
});
