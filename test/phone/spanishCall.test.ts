/**
 * Spanish-speaking callers on the phone bridge: answered in Spanish with the Spanish voice, listened to in
 * Spanish (the recognizer's speechLanguage follows the language of the last reply), the bridge's own lines
 * in Spanish, and a call the ISP's IVR marks as Spanish greeted in Spanish.
 */
import { CallRecords } from '../../src/phone/callRecords';
import { AcsRequest } from '../../tools/lib/acsStandIn';
import { heardIn, heardLanguages, PhoneCall, PhoneStepwise, spokenText, startPhoneStepwise } from '../support/phoneCalls';

let phone: PhoneStepwise;
beforeAll(async () => {
  phone = await startPhoneStepwise();
});
afterAll(() => phone.stop());
afterEach(() => {
  phone.acs.transferOutcome = 'accept';
  expect(phone.acs.refused).toEqual([]);
});

const programChoices = 'Diga Outlook Express u oprima 1. Diga Microsoft Outlook u oprima 2. Diga Otro programa u oprima 3. Diga English u oprima 4.';
const shortPrompt = 'Diga listo cuando termine, o ayuda.';
const silenceOffer = '¿Quiere que le ayude un técnico? Diga técnico, u oprima cero, y le comunico. O siga cuando quiera.';

let callerCount = 0;
function newCaller(): string {
  callerCount += 1;
  return `+1956555${String(3000 + callerCount)}`;
}

/** The one recognize Stepwise answered the caller's last action with. */
function listenOf(requests: AcsRequest[]): AcsRequest {
  const listens = requests.filter((r) => r.action === 'recognize');
  expect(listens).toHaveLength(1);
  return listens[0];
}

/** Every document the caller heard in a request is Spanish SSML in the Spanish voice. */
function expectSpanishSsml(request: AcsRequest): void {
  const sources: { ssml: { ssmlText: string } }[] = request.body.playPrompts ?? request.body.playSources;
  expect(sources.length).toBeGreaterThan(0);
  for (const { ssml } of sources) {
    expect(ssml.ssmlText).toContain('xml:lang="es-US"');
    spokenText(ssml.ssmlText, 'es-US-PalomaNeural');
  }
}

async function spanishCallerOnStep(n: number): Promise<PhoneCall> {
  const call = await phone.ring(newCaller());
  await call.say('hola, tengo un error 550');
  await call.say('uso outlook express');
  for (let i = 1; i < n; i++) await call.say('listo');
  return call;
}

test('"hola, tengo un error 550": answered in Spanish with the Spanish voice, then listened to in Spanish', async () => {
  const call = await phone.ring(newCaller());
  // Nothing said yet: the greeting and its recognize are English.
  const greeting = listenOf(call.requests());
  expect(greeting.speechLanguage).toBe('en-US');
  expect(heardLanguages(greeting)).toEqual(['en-US']);

  const answered = await call.say('hola, tengo un error 550');
  expect(answered).toHaveLength(1);
  expect(answered[0]).toMatch(/^Gracias, ese es el error con el que le puedo ayudar\./);
  expect(answered[0]).toContain(`¿Qué programa de correo usa? ${programChoices}`);
  const listen = listenOf(call.lastRequests);
  expectSpanishSsml(listen);
  // The next answer is recognized as Spanish: the SDK's speechLanguage, as the stand-in received it.
  expect(listen.body.recognizeOptions).toMatchObject({ speechLanguage: 'es-US', interruptPrompt: true, dtmfOptions: { maxTonesToCollect: 1 } });
  expect(listen.speechLanguage).toBe('es-US');

  const chosen = await call.say('uso outlook express');
  expect(chosen[0]).toMatch(/^Vamos a arreglar Outlook Express\. Son 8 pasos/);
  expect(chosen.at(-1)).toMatch(/^Paso 1 de 8\./);
  expect(listenOf(call.lastRequests).speechLanguage).toBe('es-US');
  expect(await call.press('1')).toEqual([expect.stringMatching(new RegExp(`^Paso 2 de 8\\..* ${shortPrompt}$`))]);
  expect(listenOf(call.lastRequests).speechLanguage).toBe('es-US');

  // The caller switches to English: the next recognize listens for English, in the English voice.
  const english = await call.say('english please');
  expect(english[0]).toMatch(/^Okay, let's carry on in English\./);
  expect(heardLanguages(listenOf(call.lastRequests))).toEqual(['en-US']);
  expect(listenOf(call.lastRequests).speechLanguage).toBe('en-US');

  // The call keeps the language it is in, for the next callback on any instance.
  const callKey = new URL(call.answer.body.callbackUri).searchParams.get('call')!;
  expect(await new CallRecords(phone.stepwise.app.storage.storage).get(callKey)).toMatchObject({ language: 'en' });
});

test("the greeting's keypad choice of Spanish (4) makes the call Spanish, heard and listened to", async () => {
  const call = await phone.ring(newCaller());
  call.requests();
  const switched = await call.press('4');
  expect(switched[0]).toMatch(/^Muy bien, seguimos en español\./);
  const listen = listenOf(call.lastRequests);
  expectSpanishSsml(listen);
  expect(listen.speechLanguage).toBe('es-US');
});

test('a Spanish caller who goes silent twice hears the Spanish offer of a technician; six times, the Spanish goodbye', async () => {
  const call = await spanishCallerOnStep(3);

  const once = await call.silence();
  expect(once).toEqual([expect.stringMatching(/^Perdone, no le escuché\. Cuando termine el paso 3, diga listo\./)]);
  expect(listenOf(call.lastRequests).speechLanguage).toBe('es-US');
  const twice = await call.silence();
  expect(twice).toHaveLength(2);
  expect(twice[0]).toMatch(/^Perdone, no le escuché\./);
  expect(twice[1]).toBe(silenceOffer);
  const listen = listenOf(call.lastRequests);
  expectSpanishSsml(listen);
  expect(listen.speechLanguage).toBe('es-US');

  for (let i = 0; i < 3; i++) await call.silence();
  expect(await call.silence()).toEqual([
    'Hace rato que no le escucho, así que voy a terminar esta llamada. Llame cuando quiera y seguiremos desde el mismo paso.',
  ]);
  expect(call.lastRequests.map((r) => [r.action, r.body.operationContext])).toEqual([
    ['play', 'goodbye'],
    ['hangUp', undefined],
  ]);
  expectSpanishSsml(call.lastRequests[0]);
});

test('"técnico": the Spanish caller hears their reference in Spanish before the transfer', async () => {
  const call = await spanishCallerOnStep(4);
  const announced = await call.say('quiero hablar con un técnico');
  expect(call.lastRequests.map((r) => r.action)).toEqual(['play', 'transferToParticipant']);
  expectSpanishSsml(call.lastRequests[0]);
  const reference: string = call.lastRequests[1].body.customCallingContext.sipHeaders['X-MS-Custom-Stepwise-Reference'];
  expect(announced.at(-1)).toBe(`Su número de referencia es ${reference.replace('-', '').split('').join(' ')}, por si se corta la llamada.`);
});

test.each([
  ['X-MS-Custom-Language', 'es'],
  ['X-Language', 'es-MX'],
  ['language', 'Español'],
])('a call the IVR marks as Spanish (%s: %s) is greeted in Spanish and listened to in Spanish', async (header, value) => {
  const call = await phone.ring(newCaller(), { [header]: value, 'X-MS-Custom-QueuePosition': '3' });
  const greeting = listenOf(call.requests());
  expectSpanishSsml(greeting);
  const [heard] = heardIn(greeting);
  expect(heard).toMatch(/^Hola, soy Stepwise, el asistente de correo de /);
  expect(heard).toContain(programChoices);
  expect(greeting.speechLanguage).toBe('es-US');

  expect((await call.say('outlook express'))[0]).toMatch(/^Vamos a arreglar Outlook Express\./);
  expect(listenOf(call.lastRequests).speechLanguage).toBe('es-US');
});

test('an IVR language Stepwise does not speak leaves the call in English', async () => {
  const call = await phone.ring(newCaller(), { 'X-MS-Custom-Language': 'fr' });
  const greeting = listenOf(call.requests());
  expect(heardIn(greeting)[0]).toMatch(/^Hi, I'm Stepwise/);
  expect(greeting.speechLanguage).toBe('en-US');
});
