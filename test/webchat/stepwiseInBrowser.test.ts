import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { launchBrowser, type BrowserSession } from '../support/browser';
import { RunningStepwise, startStepwise } from '../support/stepwiseServer';

/**
 * The real product in a real browser: `npm start`'s server (page, Web Chat bundle, built-in Direct
 * Line, /api/messages, the bot) and Chromium. A customer fixes Outlook Express by typing "done".
 */
jest.setTimeout(120_000);

const OUTPUT_DIR = path.join(__dirname, '..', '..', 'test-output');

let stepwise: RunningStepwise;
let browser: BrowserSession;

beforeAll(async () => {
  stepwise = await startStepwise();
  browser = await launchBrowser({ viewport: { width: 390, height: 844 } });
});
afterAll(async () => {
  await browser?.close();
  await stepwise?.stop();
});

test('greeting, "Outlook Express" button, all 8 steps by typing done, then the verification question', async () => {
  const { page } = browser;
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });

  await page.goto(`${stepwise.baseUrl}/`);
  await expect(page.title()).resolves.toBe('Internet America support chat');
  const bubble = (text: string | RegExp) => page.locator('.webchat__bubble__content', { hasText: text }).last();

  await bubble('Which mail program do you use?').waitFor({ timeout: 20_000 });
  const suggestions = page.getByRole('toolbar', { name: 'Suggested actions' });
  await suggestions.getByRole('button', { name: 'Outlook Express' }).click();
  await bubble('Step 1 of 8:').waitFor({ timeout: 20_000 });
  await expect(bubble('Step 1 of 8:').innerText()).resolves.toContain('Click on the Tools menu, then choose Accounts.');

  const input = page.locator('[data-id="webchat-sendbox-input"]');
  for (let n = 2; n <= 8; n++) {
    await input.fill('done');
    await input.press('Enter');
    await bubble(`Step ${n} of 8:`).waitFor({ timeout: 20_000 });
  }
  expect((await bubble("Step 5 of 8:").innerText()).replace(/\u200b/g, "")).toContain('make sure the server entered is smtp.airmail.net.');

  await input.fill('done');
  await input.press('Enter');
  await bubble('Now send a short test email to yourself').waitFor({ timeout: 20_000 });
  await suggestions.getByRole('button', { name: 'It worked' }).waitFor();

  mkdirSync(OUTPUT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(OUTPUT_DIR, 'stepwise-webchat-verification.png') });
  await expect(page.getByText(/Send failed/i).count()).resolves.toBe(0);
  expect(problems).toEqual([]);
});

test('in Spanish: the page from ?lang=es greets in Spanish, and the steps come in Spanish with the program\'s own labels', async () => {
  // A browser of its own: the first test's customer is remembered by the other one's storage.
  const spanish = await launchBrowser({ viewport: { width: 390, height: 844 } });
  const { page } = spanish;
  try {
    await page.goto(`${stepwise.baseUrl}/?lang=es`);
    await expect(page.title()).resolves.toBe('Chat de soporte de Internet America');
    const bubble = (text: string | RegExp) => page.locator('.webchat__bubble__content', { hasText: text }).last();
    // Web Chat sends the page's locale (es-US) with the customer's first activity: the greeting is already Spanish.
    await bubble('¿Qué programa de correo usa?').waitFor({ timeout: 20_000 });
    const suggestions = page.getByRole('toolbar');
    await suggestions.getByRole('button', { name: 'Outlook Express' }).click();
    await bubble('Paso 1 de 8:').waitFor({ timeout: 20_000 });
    await expect(bubble('Paso 1 de 8:').innerText()).resolves.toContain('Haga clic en el menú Tools (Herramientas) y luego elija Accounts (Cuentas).');
    const input = page.locator('[data-id="webchat-sendbox-input"]');
    await input.fill('listo');
    await input.press('Enter');
    await bubble('Paso 2 de 8:').waitFor({ timeout: 20_000 });
    mkdirSync(OUTPUT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(OUTPUT_DIR, 'stepwise-webchat-spanish.png') });
  } finally {
    await spanish.close();
  }
});
