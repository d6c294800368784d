import { startStepwise } from '../support/stepwiseServer';

test('local mode serves the chat page whose CSP lets only the configured ISP sites embed it', async () => {
  const stepwise = await startStepwise({ CHAT_EMBED_ORIGINS: 'https://www.airmail.net' });
  try {
    expect(stepwise.app.chatWidget).toBe('local');
    const page = await fetch(`${stepwise.baseUrl}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'self' https://www.airmail.net");
    expect(page.headers.get('x-frame-options')).toBeNull();
    expect(await page.text()).toContain('<title>Internet America support chat</title>');
  } finally {
    await stepwise.stop();
  }
});

test('with Azure credentials and no Direct Line secret there is no page and no local Direct Line', async () => {
  const stepwise = await startStepwise({ MicrosoftAppId: '11111111-2222-3333-4444-555555555555', MicrosoftAppPassword: 'x' });
  try {
    expect(stepwise.app.chatWidget).toBe('off');
    expect((await fetch(`${stepwise.baseUrl}/`)).status).toBe(404);
    expect((await fetch(`${stepwise.baseUrl}/v3/directline/conversations`, { method: 'POST' })).status).toBe(404);
  } finally {
    await stepwise.stop();
  }
});

test('with Azure credentials and a Direct Line secret the page uses Azure Direct Line through the token route', async () => {
  const stepwise = await startStepwise({
    MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
    MicrosoftAppPassword: 'x',
    DIRECT_LINE_SECRET: 'dl-secret-value',
  });
  try {
    expect(stepwise.app.chatWidget).toBe('azure');
    const page = await fetch(`${stepwise.baseUrl}/`);
    const html = await page.text();
    expect(html).toContain('https://directline.botframework.com/v3/directline');
    expect(html).toContain('/api/directline/token');
    expect(html).not.toContain('dl-secret-value');
    expect((await fetch(`${stepwise.baseUrl}/v3/directline/conversations`, { method: 'POST' })).status).toBe(404);
  } finally {
    await stepwise.stop();
  }
});
