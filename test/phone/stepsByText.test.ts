/**
 * "Text me the steps" on a call: ACS SMS (the real SMS SDK against the stand-in) sends the caller a link to
 * the website chat, and the chat opened from it offers the step the caller has reached by then.
 */
import { HttpConversation, texts } from '../support/stepwiseServer';
import { PhoneStepwise, startPhoneStepwise } from '../support/phoneCalls';

const smsFrom = '+18005550100';
let phone: PhoneStepwise;
beforeAll(async () => {
  phone = await startPhoneStepwise({ ACS_SMS_FROM: smsFrom });
});
afterAll(() => phone.stop());
afterEach(() => {
  phone.acs.deliversTexts = true;
  expect(phone.acs.refused).toEqual([]);
});

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function openLink(link: string, body: Json = {}): Promise<Json> {
  const token = new URL(link).searchParams.get('continue');
  const response = await fetch(`${phone.baseUrl}/api/directline/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ ...body, continue: token }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Json;
}

/** The website chat of the user the token route issued. */
function chatOf(session: Json): HttpConversation {
  return new HttpConversation(phone.stepwise, 'webchat', session.userId as string);
}

const linkIn = (message: string) => /https?:\/\/\S+continue=[\w-]+/.exec(message)?.[0] ?? '';

test('a caller on step 2 is texted a link; the chat it opens offers the step they reached by then', async () => {
  const call = await phone.ring('+12145550123');
  await call.say('outlook express');
  await call.say('done');
  const answer = await call.say('can you text me these steps');
  expect(answer).toEqual([
    "I've sent a text message with a link to the number you're calling from, ending in 0 1 2 3. Open it on your computer to see these steps on screen, from the one you're on; it works for 24 hours. We can carry on here too. You're still on step 2 of 8: Open your account's properties. Say done when you've finished, or help.",
  ]);
  expect(phone.acs.texts).toHaveLength(1);
  const [text] = phone.acs.texts;
  expect(text).toMatchObject({ from: smsFrom, to: '+12145550123' });
  expect(text.message).toMatch(/^Internet America: to see the steps that fix your email on screen, from where you are, open http:\/\/127\.0\.0\.1:\d+\/\?lang=en&continue=[\w-]{24} \(it works for 24 hours\)\.$/);
  const link = linkIn(text.message);
  expect(new URL(link).origin).toBe(phone.baseUrl);

  // The caller carries on meanwhile.
  expect((await call.say('done'))[0]).toMatch(/^Step 3 of 8\./);

  const chat = chatOf(await openLink(link));
  const greeting = await chat.join();
  expect(texts(greeting.replies)).toEqual(['Welcome back! You were on step 3 of 8 for Outlook Express: continue or start over?']);
  const resumed = await chat.say('continue');
  expect(texts(resumed.replies).at(-1)).toBe('**Step 3 of 8:** Click on the **General** tab.');

  // The page forgets the token after using it; opening it again (another device) still works for a day.
  const second = chatOf(await openLink(link));
  expect(texts((await second.join()).replies)[0]).toMatch(/^Welcome back! You were on step 3 of 8/);
});

test('a Spanish caller gets the text and the chat page in Spanish', async () => {
  const call = await phone.ring('+19565550111');
  await call.say('hola, tengo un error 550');
  await call.say('uso outlook express');
  const answer = await call.say('me puede mandar los pasos por mensaje de texto');
  expect(answer[0]).toMatch(/^Le envié un mensaje de texto con un enlace al número desde el que llama, que termina en 0 1 1 1\./);
  const text = phone.acs.texts.at(-1)!;
  expect(text.message).toMatch(/^Internet America: para ver en la pantalla los pasos que arreglan su correo, desde donde va, abra http:\/\/\S+\?lang=es&continue=/);
  const page = await fetch(linkIn(text.message));
  expect(await page.text()).toContain('<html lang="es-US"');
  const chat = chatOf(await openLink(linkIn(text.message)));
  expect(texts((await chat.join()).replies)[0]).toBe('¡Hola de nuevo! Estaba en el paso 1 de 8 para Outlook Express: ¿continuar o empezar de nuevo?');
});

test('a text ACS does not accept is said so; a made-up link carries nothing', async () => {
  phone.acs.deliversTexts = false;
  const call = await phone.ring('+14695550142');
  await call.say('outlook express');
  const before = phone.acs.texts.length;
  expect((await call.say('text me the steps'))[0]).toMatch(/^Sorry, I can't send the steps from here\. Let's carry on together, one step at a time\. You're still on step 1 of 8/);
  expect(phone.acs.texts).toHaveLength(before);

  const made = chatOf(await openLink(`${phone.baseUrl}/?continue=AAAAAAAAAAAAAAAAAAAAAAAA`));
  expect(texts((await made.join()).replies)[0]).toMatch(/^Hi, I'm Stepwise/);
});

test('on the website chat nothing is texted', async () => {
  const before = phone.acs.texts.length;
  const chat = new HttpConversation(phone.stepwise);
  await chat.say('Outlook Express');
  const answer = await chat.say('can you text me the steps');
  expect(texts(answer.replies)[0]).toBe("Sorry, I can't send the steps from here. Let's carry on together, one step at a time.\n\nYou're still on step 1 of 8: Open Accounts. Say done when it's finished.");
  expect(phone.acs.texts).toHaveLength(before);
});
