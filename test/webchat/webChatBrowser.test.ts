import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { launchBrowser, type BrowserSession } from '../support/browser';
import { CHOICES, GREETING } from '../support/echoBot';
import { startTestServer, type TestServer } from '../support/testServer';

/**
 * End to end in a real browser: the page, Web Chat's standalone bundle, the local Direct Line
 * (polling), CloudAdapter and an echo bot, at phone width.
 */
jest.setTimeout(90_000);

const OUTPUT_DIR = path.join(__dirname, '..', '..', 'test-output');

describe('Web Chat page in Chromium (375px wide)', () => {
  let t: TestServer;
  let browser: BrowserSession;

  beforeAll(async () => {
    t = await startTestServer({ globalBodyParser: true, withPage: true, companyName: 'Test ISP' });
    browser = await launchBrowser({ viewport: { width: 375, height: 740 } });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('greets, shows suggested actions as buttons, echoes clicked and typed messages, never "Send failed"', async () => {
    const { page } = browser;
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      const text = message.text();
      if (message.type() === 'error' || /Content Security Policy/i.test(text)) problems.push(`console.${message.type()}: ${text}`);
    });
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
    });
    page.on('requestfailed', (request) => problems.push(`requestfailed: ${request.url()} ${request.failure()?.errorText ?? ''}`));

    await page.goto(`${t.baseUrl}/`);
    await expect(page.title()).resolves.toBe('Test ISP support chat');

    // A rendered bubble's text (Web Chat also keeps screen-reader copies of each message).
    const bubble = (text: string) => page.locator('p', { hasText: text }).first();

    await bubble(GREETING).waitFor({ timeout: 20_000 });
    const suggestions = page.getByRole('toolbar', { name: 'Suggested actions' });
    for (const choice of CHOICES) await suggestions.getByRole('button', { name: choice }).waitFor();
    // Web Chat's own connectivity notice clears once it is online.
    await page.locator('.webchat__connectivityStatus').waitFor({ state: 'hidden', timeout: 15_000 });
    mkdirSync(OUTPUT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(OUTPUT_DIR, 'webchat-375-greeting.png') });

    await suggestions.getByRole('button', { name: 'Outlook Express' }).click();
    await bubble('Echo: Outlook Express').waitFor({ timeout: 20_000 });

    const input = page.locator('[data-id="webchat-sendbox-input"]');
    await input.fill('My mail says Error 550');
    await input.press('Enter');
    await bubble('Echo: My mail says Error 550').waitFor({ timeout: 20_000 });

    // Give Web Chat a moment past its echo-back bookkeeping, then check nothing failed.
    await page.waitForTimeout(1_000);
    await expect(page.getByText(/Send failed/i).count()).resolves.toBe(0);

    // The page fits a 375px phone: no horizontal scrolling, chat fills the height.
    // (A string: the test tsconfig has no DOM types.)
    const layout = (await page.evaluate(`({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      chatBottom: document.getElementById('webchat').getBoundingClientRect().bottom,
      innerHeight: window.innerHeight,
    })`)) as { scrollWidth: number; innerWidth: number; chatBottom: number; innerHeight: number };
    expect(layout.scrollWidth).toBeLessThanOrEqual(layout.innerWidth);
    expect(layout.chatBottom).toBeGreaterThanOrEqual(layout.innerHeight - 2);

    await page.screenshot({ path: path.join(OUTPUT_DIR, 'webchat-375.png') });

    // The bot really got webchat-channel activities through the local Direct Line.
    const messages = t.echo.received.filter((a) => a.type === 'message').map((a) => [a.channelId, a.text]);
    expect(messages).toEqual([
      ['webchat', 'Outlook Express'],
      ['webchat', 'My mail says Error 550'],
    ]);
    expect(problems).toEqual([]);
  });
});
