import { launchBrowser, type BrowserSession } from '../support/browser';
import { PhoneStepwise, startPhoneStepwise } from '../support/phoneCalls';

/**
 * A link texted to a caller, opened in Chromium: the real chat page takes the caller's place (and drops the
 * token from its address), welcomes them back at the step they reached on the phone, and carries on there.
 */
jest.setTimeout(150_000);

let phone: PhoneStepwise;
let browser: BrowserSession;

beforeAll(async () => {
  phone = await startPhoneStepwise({ ACS_SMS_FROM: '+18005550100' });
  browser = await launchBrowser({ viewport: { width: 360, height: 740 } });
});
afterAll(async () => {
  await browser?.close();
  await phone?.stop();
});

test('the texted link opens the chat at the caller\'s step', async () => {
  const call = await phone.ring('+12145550177');
  await call.say('outlook express');
  await call.say('done');
  await call.say('please text me the instructions');
  const message = phone.acs.texts.at(-1)!.message;
  const link = /http:\/\/\S+continue=[\w-]+/.exec(message)![0];

  const { page } = browser;
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  const bubble = (text: string) => page.locator('.webchat__bubble__content', { hasText: text }).last();

  await page.goto(link);
  const welcome = bubble('Welcome back!');
  await welcome.waitFor({ timeout: 20_000 });
  expect((await welcome.innerText()).trim()).toBe('Welcome back! You were on step 2 of 8 for Outlook Express: continue or start over?');
  // The token is gone from the address: a reload or a copied address does not carry it again.
  expect(new URL(page.url()).search).toBe('?lang=en');

  await page.getByRole('toolbar', { name: 'Suggested actions' }).getByRole('button', { name: 'Continue' }).click();
  await bubble('Step 2 of 8:').waitFor({ timeout: 20_000 });
  expect(problems).toEqual([]);
});
