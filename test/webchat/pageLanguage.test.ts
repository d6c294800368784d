import { RunningStepwise, startStepwise } from '../support/stepwiseServer';

let stepwise: RunningStepwise;
beforeAll(async () => {
  stepwise = await startStepwise();
});
afterAll(() => stepwise.stop());

async function page(path: string, acceptLanguage?: string): Promise<{ html: string; vary: string | null }> {
  const response = await fetch(`${stepwise.baseUrl}${path}`, { headers: acceptLanguage ? { 'accept-language': acceptLanguage } : {} });
  expect(response.status).toBe(200);
  return { html: await response.text(), vary: response.headers.get('vary') };
}

test('a browser that prefers Spanish gets the page in Spanish, and Web Chat its locale', async () => {
  const { html, vary } = await page('/', 'es-MX,es;q=0.9,en;q=0.8');
  expect(html).toContain('<html lang="es-US">');
  expect(html).toContain('<title>Chat de soporte de Internet America</title>');
  expect(html).toContain('<h1>Soporte de Internet America</h1>');
  expect(html).toContain('Conectando con el soporte de Internet America…');
  expect(html).toContain('Este chat necesita JavaScript.');
  expect(vary).toContain('Accept-Language');
});

test('one that prefers English, or says nothing, gets it in English', async () => {
  for (const header of ['en-US,en;q=0.9,es;q=0.5', undefined, 'fr-FR']) {
    const { html } = await page('/', header);
    expect(html).toContain('<html lang="en-US">');
    expect(html).toContain('<title>Internet America support chat</title>');
    expect(html).toContain('<p>Chat with our assistant about sending email</p>');
  }
});

test('a link with ?lang= chooses, whatever the browser prefers', async () => {
  expect((await page('/?lang=es', 'en-US')).html).toContain('<html lang="es-US">');
  expect((await page('/?lang=en', 'es-MX')).html).toContain('<html lang="en-US">');
  expect((await page('/?lang=xx', 'es')).html).toContain('<html lang="es-US">');
});
