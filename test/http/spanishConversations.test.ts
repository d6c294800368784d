/**
 * Spanish-speaking customers, over the HTTP endpoint on each front door (Web Chat, Teams, SMS, the phone):
 * the whole Outlook Express and Microsoft Outlook procedures in Spanish, understood in Spanish, with the
 * on-screen labels left as the (English) program shows them. Nobody is handed to a technician.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type Channel, customerOn as customerOnChannel, type Turn, turnOf } from '../support/channelCustomer';
import { HttpConversation, RunningStepwise, startStepwise } from '../support/stepwiseServer';

let stepwise: RunningStepwise;
beforeAll(async () => {
  stepwise = await startStepwise();
});
afterAll(() => stepwise.stop());

const customerOn = (channel: Channel) => customerOnChannel(stepwise, channel, 'Lupe Garza');

/** The Spanish procedure's step texts as written (src/content/es), with the ISP's server and domain. */
function spanishSteps(clientId: string): string[] {
  const file = path.resolve(__dirname, '..', '..', 'src', 'content', 'es', 'clients', `${clientId}.json`);
  const { steps } = JSON.parse(fs.readFileSync(file, 'utf8')) as { steps: { text: string }[] };
  return steps.map((step) => step.text.replace(/\{smtpServer\}/g, 'smtp.airmail.net').replace(/\{mailDomain\}/g, 'airmail.net'));
}

const stepOptions: Record<Channel, RegExp> = {
  webchat: /^Listo \| Ayuda \| Hablar con un técnico$/,
  msteams: /^Listo \| Ayuda \| Hablar con un técnico$/,
  sms: /\n1\. Listo\n2\. Ayuda\n3\. Hablar con un técnico$/,
  // The first time a step's options are read out; after that a short prompt says them.
  telephony: /(Diga listo cuando termine, o ayuda\.|Diga Listo u oprima 1\. Diga Ayuda u oprima 2\. Diga Hablar con un técnico u oprima 3\.)$/,
};

/** How a step is shown: with its markup on screens, without it by SMS, spoken on the phone. */
function expectStep(channel: Channel, turn: Turn, n: number, total: number, text: string): void {
  if (channel === 'webchat' || channel === 'msteams') expect(turn.said).toContain(`**Paso ${n} de ${total}:** ${text}`);
  else expect(turn.said).toMatch(new RegExp(`Paso ${n} de ${total}`));
  expect(turn.options).toMatch(stepOptions[channel]);
}

describe.each(['webchat', 'msteams', 'sms', 'telephony'] as Channel[])('in Spanish on %s', (channel) => {
  test('Outlook Express, from "hola, tengo un error 550" to a test email that works', async () => {
    const say = customerOn(channel);
    const steps = spanishSteps('outlook-express');
    const everything: Turn[] = [];
    const turn = async (text: string) => {
      const result = await say(text);
      everything.push(result);
      return result;
    };

    const opening = await turn('hola, tengo un error 550 cuando envío correo');
    expect(opening.said).toMatch(/^Gracias, ese es el error con el que le puedo ayudar\./);
    expect(opening.said).toContain('¿Qué programa de correo usa?');

    const chosen = await turn('uso outlook express');
    expect(chosen.said).toMatch(/^Vamos a arreglar Outlook Express\. Son 8 pasos/);
    expectStep(channel, chosen, 1, 8, steps[0]);
    // The menu the customer must find keeps the name their program shows.
    if (channel === 'webchat') expect(chosen.said).toContain('**Tools** (Herramientas)');

    expectStep(channel, await turn('listo'), 2, 8, steps[1]);
    const question = await turn('¿qué es smtp?');
    expect(question.said).toMatch(/^S ?M ?T ?P es la forma en que su programa de correo envía los mensajes\./);
    expect(question.said).toMatch(/Sigue en el paso 2 de 8/);
    expectStep(channel, await turn('ya'), 3, 8, steps[2]);
    for (let i = 4; i <= 8; i++) expectStep(channel, await turn(i % 2 ? 'listo' : 'ya quedó'), i, 8, steps[i - 1]);

    expect((await turn('listo')).said).toMatch(/^Esos son todos los pasos\. Ahora envíe un correo electrónico corto de prueba a su propia dirección\./);
    expect((await turn('sí, ya se envió sin error')).said).toBe('¡Excelente, su correo ya funciona otra vez! Gracias por arreglarlo conmigo, y que tenga un buen día.');

    expect(everything.flatMap((t) => t.events)).toEqual([]);
    expect(new Set(everything.flatMap((t) => t.locales))).toEqual(new Set(['es-US']));
    if (channel === 'telephony') {
      for (const speak of everything.flatMap((t) => t.speak)) {
        expect(speak).toContain('xml:lang="es-US"');
        expect(speak).toContain('<voice name="es-US-PalomaNeural">');
      }
      // Addresses and servers are read in Spanish.
      expect(everything[0].said + question.said).toContain('smtp punto airmail punto net');
    }
  });

  test('Microsoft Outlook: the version question in Spanish, then all nine steps', async () => {
    const say = customerOn(channel);
    const steps = spanishSteps('microsoft-outlook');
    expect((await say('buenas tardes')).said).toMatch(/^Hola, soy Stepwise/);
    const version = await say('tengo microsoft outlook');
    expect(version.said).toMatch(/^¿Qué versión de Outlook es\?/);
    const chosen = await say('es outlook 2003');
    expect(chosen.said).toMatch(/^Vamos a arreglar Microsoft Outlook\. Son 9 pasos/);
    expectStep(channel, chosen, 1, 9, steps[0]);
    for (let i = 2; i <= 9; i++) expectStep(channel, await say('listo'), i, 9, steps[i - 1]);
    expect((await say('ya terminé')).said).toMatch(/^Esos son todos los pasos\./);
    expect((await say('funcionó')).said).toMatch(/^¡Excelente, su correo ya funciona otra vez!/);
  });
});

describe('choosing the language', () => {
  test('switching language mid-procedure keeps the step, both ways', async () => {
    const say = customerOn('webchat');
    await say('hi');
    await say('Outlook Express');
    await say('done');
    await say('done');

    const spanish = await say('español por favor');
    expect(spanish.said).toMatch(/^Muy bien, seguimos en español\.\s+Sigue en el paso 3 de 8: Pestaña General\./);
    expect(spanish.options).toBe('Listo | Ayuda | Hablar con un técnico');
    expect(spanish.locales).toEqual(['es-US']);
    expect((await say('listo')).said).toContain('**Paso 4 de 8:**');

    const english = await say('english please');
    expect(english.said).toMatch(/^Okay, let's carry on in English\.\s+You're still on step 4 of 8: Servers tab\./);
    expect(english.options).toBe('Done | Help | Talk to a technician');
    expect((await say('done')).said).toBe('**Step 5 of 8:** In the **Outgoing mail (SMTP)** box, make sure the server entered is **smtp.airmail.net**.');
  });

  test('the greeting offers the other language as a button, and the locale of the client decides the first words', async () => {
    const english = new HttpConversation(stepwise, 'webchat');
    const greeted = turnOf((await english.send({ type: 'conversationUpdate', membersAdded: [{ id: english.address.userId }], locale: 'en-US' })).replies);
    expect(greeted.said).toMatch(/^Hi, I'm Stepwise/);
    expect(greeted.options).toBe('Outlook Express | Microsoft Outlook | Another program | Español');
    const switched = turnOf((await english.say('Español')).replies);
    expect(switched.said).toMatch(/^Muy bien, seguimos en español\.\s+¿Qué programa de correo usa\?/);
    expect(switched.options).toBe('Outlook Express | Microsoft Outlook | Otro programa | English');

    const spanish = new HttpConversation(stepwise, 'webchat');
    const saludo = turnOf((await spanish.send({ type: 'conversationUpdate', membersAdded: [{ id: spanish.address.userId }], locale: 'es-MX' })).replies);
    expect(saludo.said).toMatch(/^Hola, soy Stepwise/);
    expect(saludo.locales).toEqual(['es-US']);
  });

  test('a customer whose client is Spanish but who writes English is answered in English', async () => {
    const conversation = new HttpConversation(stepwise, 'webchat');
    const replies = turnOf((await conversation.send({ type: 'message', text: 'hi, I get error 550 when I send mail', locale: 'es-US' })).replies);
    expect(replies.said).toMatch(/^Thanks, that's the error I can help with\./);
  });

  test('"quiero hablar con una persona" brings in a technician, and the summary says the customer speaks Spanish', async () => {
    const conversation = new HttpConversation(stepwise, 'webchat');
    await conversation.say('hola');
    await conversation.say('outlook express');
    await conversation.say('listo');
    const { replies } = await conversation.say('quiero hablar con una persona');
    expect(turnOf(replies).said).toMatch(/^Voy a llamar a un técnico\./);
    const initiate = replies.find((a) => a.type === 'event' && a.name === 'handoff.initiate');
    // The summary is the technicians' (English), and says which language to answer in.
    expect(initiate?.value).toMatchObject({
      language: 'es',
      languageName: 'Spanish',
      client: 'Outlook Express',
      stepReached: '2 of 8',
      step: { title: "Open your account's properties" },
      reason: 'customerAsked',
    });
  });
});

describe('a choice that sticks, and the default', () => {
  test('after "in English please", Spanish words are still understood, and answered in English', async () => {
    const say = customerOn('webchat');
    await say('hola');
    expect((await say('in English please')).said).toMatch(/^Okay, let's carry on in English\.\s+Which mail program do you use\?/);
    expect((await say('uso outlook express')).said).toMatch(/^Let's fix Outlook Express\./);
    // "listo" is understood as done, but the customer chose English: the step comes in English.
    expect((await say('listo')).said).toMatch(/^\*\*Step 2 of 8:\*\*/);
  });

  test('DEFAULT_LANGUAGE=es greets a customer whose client names no locale in Spanish', async () => {
    const spanishFirst = await startStepwise({ DEFAULT_LANGUAGE: 'es' });
    try {
      const conversation = new HttpConversation(spanishFirst, 'webchat');
      const greeted = turnOf((await conversation.send({ type: 'conversationUpdate', membersAdded: [{ id: conversation.address.userId }] })).replies);
      expect(greeted.said).toMatch(/^Hola, soy Stepwise/);
      // Writing in English on the first messages switches.
      expect(turnOf((await conversation.say("hello, my email won't send")).replies).said).toMatch(/^Thanks, that's the error I can help with\./);
    } finally {
      await spanishFirst.stop();
    }
  });
});

test.each([
  ['webchat', 'el segundo'],
  ['sms', 'dos'],
  ['telephony', '2'],
] as [Channel, string][])('on %s, "%s" picks the second program, as "the second one" does in English', async (channel, said) => {
  const say = customerOn(channel);
  await say('hola');
  expect((await say(said)).said).toMatch(/^¿Qué versión de Outlook es\?/);
});

test.each([
  ['I have Microsoft Outlook', 'yes it has a tools menu at the top', /^Let's fix Microsoft Outlook\. There are 9 steps/],
  ['I have Microsoft Outlook', "there's no tools menu, just File and Home", /^Let's fix Outlook 2010 or later\. There are 10 steps/],
  ['tengo microsoft outlook', 'sí tiene el menú tools arriba', /^Vamos a arreglar Microsoft Outlook\. Son 9 pasos/],
  ['tengo microsoft outlook', 'no, no tiene herramientas', /^Vamos a arreglar Outlook 2010 o posterior\. Son 10 pasos/],
])('asked whether there is a Tools menu, "%s" then "%s" picks the procedure by the answer', async (program, answer, procedure) => {
  const say = customerOn('webchat');
  await say(program);
  expect((await say(answer)).said).toMatch(procedure);
});

test.each([
  ['Outlook Express', "I'm not getting the 550 error anymore", /^That's great news! To be sure, send a short test email to yourself\./],
  ['uso outlook express', 'ya no me sale el 550', /^¡Qué buena noticia! Para estar seguros, envíe un correo corto de prueba a su propia dirección\./],
])('on a step, the error named as gone ("%s", "%s") is taken as working: the test email is asked for', async (program, said, answer) => {
  const say = customerOn('webchat');
  await say(program);
  expect((await say(said)).said).toMatch(answer);
});
