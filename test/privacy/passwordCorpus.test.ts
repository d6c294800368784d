import { loadConfig } from '../../src/config/config';
import { loadContent } from '../../src/content/loader';
import { createRedactor } from '../../src/privacy/createRedactor';

/**
 * What customers (and technicians) actually type. Each masked phrasing is [message, secret, what the
 * message becomes]: the secret is gone, the words around it stay. Each innocent sentence is left as
 * it is, and does not count as a password (no warning).
 */
const redactor = createRedactor(loadContent(loadConfig({}).isp));
const hidden = '[password hidden]';

const masked: [string, string, string][] = [
  // English: keyword, connector, value.
  ['my password is hunter2', 'hunter2', `my password is ${hidden}`],
  ['the password for my account is Tr0ub4dor&3', 'Tr0ub4dor&3', `the password for my account is ${hidden}`],
  ['the password for bob@airmail.net is sunshine77', 'sunshine77', `the password for bob@airmail.net is ${hidden}`],
  ['my password is not hunter2', 'hunter2', `my password is not ${hidden}`],
  ['my password was changed to Sunshine#77 last week', 'Sunshine#77', `my password was changed to ${hidden} last week`],
  ['My pass word is blue42sky', 'blue42sky', `My pass word is ${hidden}`],
  ['password reset to Winter2024!', 'Winter2024', `password reset to ${hidden}!`],
  ['they did a password reset to qwerty12 yesterday', 'qwerty12', `they did a password reset to ${hidden} yesterday`],
  ['password: xK9$mP2v', 'xK9$mP2v', `password: ${hidden}`],
  ['Password:sunshine', 'sunshine', `Password:${hidden}`],
  ['pw hunter2', 'hunter2', `pw ${hidden}`],
  ['pw sunshine', 'sunshine', `pw ${hidden}`],
  ['pwd=Abc#123', 'Abc#123', `pwd=${hidden}`],
  ["my password's mango88", 'mango88', `my password's ${hidden}`],
  ['my password’s Mango_88', 'Mango_88', `my password’s ${hidden}`],
  ["password = 'p@ssW0rd'", 'p@ssW0rd', `password = '${hidden}'`],
  ['password is "correct horse battery staple"', 'correct horse battery staple', `password is "${hidden}"`],
  ['my pass is letmein99', 'letmein99', `my pass is ${hidden}`],
  ['pass: dragon55', 'dragon55', `pass: ${hidden}`],
  ['passcode 4821', '4821', `passcode ${hidden}`],
  ['passcode: sunshine', 'sunshine', `passcode: ${hidden}`],
  ['passwd trustno1.', 'trustno1', `passwd ${hidden}.`],
  ['the password i use is rainbow', 'rainbow', `the password i use is ${hidden}`],
  ['The password that I use for email is Kitty.Cat9', 'Kitty.Cat9', `The password that I use for email is ${hidden}`],
  ['my new password should be Ocean$Breeze1', 'Ocean$Breeze1', `my new password should be ${hidden}`],
  ['password is now summer2023', 'summer2023', `password is now ${hidden}`],
  ['my password is still sunshine and it fails', 'sunshine', `my password is still ${hidden} and it fails`],
  ['my email password is sunshine with a capital S', 'sunshine', `my email password is ${hidden} with a capital S`],
  ['I changed my password to bluebird. Still error 550', 'bluebird', `I changed my password to ${hidden}. Still error 550`],
  ['set my new password to 7Dwarfs!', '7Dwarfs', `set my new password to ${hidden}!`],
  ['Is your password Hunter2SecretXyz?', 'Hunter2SecretXyz', `Is your password ${hidden}?`],
  ['the password was "s3cret" yesterday', 's3cret', `the password was "${hidden}" yesterday`],
  ['my password isn\'t Tiger77, I mistyped', 'Tiger77', `my password isn't ${hidden}, I mistyped`],
  // English: the value first.
  ['I typed Gr33nTea as the password', 'Gr33nTea', `I typed ${hidden} as the password`],
  ['I entered 12345abc for the password', '12345abc', `I entered ${hidden} for the password`],
  ['i put in moonlight7 as my password', 'moonlight7', `i put in ${hidden} as my password`],
  ['I typed Xk9#mP2$vL in the password box', 'Xk9#mP2$vL', `I typed ${hidden} in the password box`],
  ['hunter2 is my password', 'hunter2', `${hidden} is my password`],
  ['sunshine is the password', 'sunshine', `${hidden} is the password`],
  ['I think rosebud is my email password, right?', 'rosebud', `I think ${hidden} is my email password, right?`],
  ['"Tr0ub4dor&3" is the password', 'Tr0ub4dor&3', `"${hidden}" is the password`],
  ["it's P!ckle22 (my password)", 'P!ckle22', `it's ${hidden} (my password)`],
  ['I used bob@airmail.net as the user name and Lemon#Tree8 as the password', 'Lemon#Tree8', `I used bob@airmail.net as the user name and ${hidden} as the password`],
  // Log-in pairs: the user name stays.
  ['login is bob@airmail.net / hunter2', 'hunter2', `login is bob@airmail.net / ${hidden}`],
  ['username/password: bob / Tr0ub4dor&3', 'Tr0ub4dor&3', `username/password: bob / ${hidden}`],
  ['my username and password are bob@airmail.net and Zebra99!', 'Zebra99', `my username and password are bob@airmail.net and ${hidden}!`],
  // Spanish.
  ['mi contraseña es perro123', 'perro123', `mi contraseña es ${hidden}`],
  ['mi contraseña es girasol', 'girasol', `mi contraseña es ${hidden}`],
  ['la contraseña es Luna#2020', 'Luna#2020', `la contraseña es ${hidden}`],
  ['contraseña: Mariposa9', 'Mariposa9', `contraseña: ${hidden}`],
  ['mi clave es tortuga77', 'tortuga77', `mi clave es ${hidden}`],
  ['la clave de mi cuenta es Casa$Azul1', 'Casa$Azul1', `la clave de mi cuenta es ${hidden}`],
  ['puse gato2019 como contraseña', 'gato2019', `puse ${hidden} como contraseña`],
  ['Puse Verano&22 como mi contraseña nueva', 'Verano&22', `Puse ${hidden} como mi contraseña nueva`],
  ['limon55 es mi contraseña', 'limon55', `${hidden} es mi contraseña`],
  ['manzana es la contraseña', 'manzana', `${hidden} es la contraseña`],
  ['mi contraseña ahora es Rojo!45', 'Rojo!45', `mi contraseña ahora es ${hidden}`],
  ['cambié la contraseña a Pino_88', 'Pino_88', `cambié la contraseña a ${hidden}`],
  ['cambie mi clave a naranja.', 'naranja', `cambie mi clave a ${hidden}.`],
  ['mi password es chocolate1', 'chocolate1', `mi password es ${hidden}`],
  ['mi contrasena es abc123xyz', 'abc123xyz', `mi contrasena es ${hidden}`],
  ['la contraseña fue cambiada a Mar1na', 'Mar1na', `la contraseña fue cambiada a ${hidden}`],
  ['mi contraseña no es Perro123', 'Perro123', `mi contraseña no es ${hidden}`],
  ['usuario y contraseña: ana@airmail.net / Estrella7', 'Estrella7', `usuario y contraseña: ana@airmail.net / ${hidden}`],
];

/** Where one message carries the same secret twice, or two secrets. */
const maskedMore: [string, string[], string][] = [
  ['my password is not hunter2, my password is Hunter22', ['hunter2', 'Hunter22'], `my password is not ${hidden}, my password is ${hidden}`],
  ['pw: "Xk9#mP2$vL" twice, password is Xk9#mP2$vL', ['Xk9#mP2$vL'], `pw: "${hidden}" twice, password is ${hidden}`],
  ['user: bob password: Qwerty!1, or maybe pwd: Azerty#2', ['Qwerty!1', 'Azerty#2'], `user: bob password: ${hidden}, or maybe pwd: ${hidden}`],
  ['mi contraseña no es Perro123, mi contraseña es Perro321', ['Perro123', 'Perro321'], `mi contraseña no es ${hidden}, mi contraseña es ${hidden}`],
];

const innocent = [
  // The setting, the box and the option.
  'should I also check Secure Password Authentication?',
  'Secure Password Authentication (SPA)',
  'Log on using Secure Password Authentication (SPA) is not ticked',
  'the password box is greyed out',
  'the password box is empty',
  'the password field is blank',
  'remember password is ticked',
  'Remember password is checked',
  'I ticked Remember password',
  'the password is saved in Outlook',
  'my password is saved in outlook',
  'Password: ********',
  'the password-protected file',
  // Questions and states.
  'it asks for my password',
  'it asks for my password again and again',
  "what's my password?",
  'what is my password?',
  'Where is the password?',
  'which is the password field?',
  'I forgot my password',
  'do I need to enter a password',
  'what should I enter as the password?',
  'what do I put in for the password?',
  'I typed it in the password box',
  'I put my email in the password box',
  'my password is wrong',
  'my password is not working',
  'my password is not accepted',
  'my password is probably wrong',
  'my password is the same as before',
  'my password is correct, I checked',
  "my password isn't working",
  'the password must be at least 8 characters',
  'does the password have to be 8 characters long?',
  'the password I use is the same one',
  'the problem is my password',
  'I think the problem is the password',
  'I reset my password to fix it',
  'they did a password reset to see if it helps',
  'I changed my password yesterday',
  'my password was changed',
  'is my password case sensitive?',
  'password expired',
  'Please never type your password into this chat',
  "They'll never ask for your password.",
  'I can only pass typed messages to the technician',
  // User names, servers, addresses, errors and versions.
  'my username is bob@airmail.net',
  'my user name is bob',
  'my login is bob@airmail.net',
  'the outgoing server is smtp.airmail.net',
  'joe@airmail.net',
  'smtp.airmail.net',
  '550 5.7.1 relay not permitted',
  'Error 550: Relay is not permitted',
  '0x800CCC79',
  'I get 0x800CCC79 when I send',
  'Outlook2007',
  'OutlookExpress6',
  'I use Outlook 2007 and get error 550',
  'Outlook Express 6',
  'done',
  'SW-7K2Q9A',
  'my reference is SW-7K2Q9A',
  // Spanish.
  'olvidé mi contraseña',
  'la contraseña está guardada',
  'mi contraseña es incorrecta',
  'mi contraseña está mal',
  'la contraseña no funciona',
  '¿cuál es mi contraseña?',
  '¿Cuál es la clave?',
  'me pide la contraseña otra vez',
  '¿dónde pongo la contraseña?',
  'la casilla de contraseña está vacía',
  'Requerir autenticación de contraseña segura (SPA)',
  'mi contraseña es la misma que antes',
  'la contraseña es correcta',
  'la clave es la misma',
  'no recuerdo mi clave',
  'cambié la contraseña a ver si funciona',
  'mi contraseña es muy larga',
  'marqué recordar contraseña',
  'mi usuario es ana@airmail.net',
];

describe('password corpus', () => {
  test('sizes', () => {
    expect(masked.length).toBeGreaterThanOrEqual(50);
    expect(innocent.length).toBeGreaterThanOrEqual(50);
  });

  test.each(masked)('masks %j', (message, secret, expected) => {
    const { text, found } = redactor.redact(message);
    expect(found).toBe(true);
    expect(text).not.toContain(secret);
    expect(text).toBe(expected);
  });

  test.each(maskedMore)('masks every secret in %j', (message, secrets, expected) => {
    const { text, found } = redactor.redact(message);
    expect(found).toBe(true);
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).toBe(expected);
  });

  test.each(masked)('log lines: masks %j in a longer line too', (message, secret) => {
    const { text, found } = redactor.redact(`turn failed; customer wrote: ${message}`, { wholeMessage: false });
    expect(found).toBe(true);
    expect(text).not.toContain(secret);
    expect(text.startsWith('turn failed; customer wrote: ')).toBe(true);
  });

  test.each(masked)('masking %j again changes nothing', (message) => {
    const once = redactor.redact(message).text;
    expect(redactor.redact(once)).toEqual({ text: once, found: false });
    expect(redactor.redact(once, { wholeMessage: false })).toEqual({ text: once, found: false });
  });

  test.each(innocent)('leaves %j alone', (message) => {
    expect(redactor.redact(message)).toEqual({ text: message, found: false });
    expect(redactor.redact(message, { wholeMessage: false })).toEqual({ text: message, found: false });
  });

  test('redactDeep masks nested strings of a handoff summary and leaves the rest as it is', () => {
    const content = loadContent(loadConfig({}).isp);
    const [client] = [...content.clients].sort((a, b) => a.order - b.order);
    const summary = {
      reference: 'SW-7K2Q9A',
      client: client.displayName,
      clientId: client.id,
      stepReached: '3 of 8',
      step: { number: 3, total: 8, title: client.steps[2].title, instruction: client.steps[2].text },
      stepsCompleted: 2,
      completedSteps: client.steps.slice(0, 2).map((step) => step.title),
      phase: 'steps',
      reason: 'customerAsked',
      reasonText: 'The customer asked for a technician.',
      attempts: 0,
      detail: 'the password for my account is sunshine77',
      recentCustomerMessages: ['done', 'my username is bob@airmail.net', 'pw: hunter2', 'Secure Password Authentication (SPA)', 'mi clave es tortuga77', 'Xk9#mP2$vL'],
      where: `stuck at step 3 of 8: ${client.steps[2].title}`,
      headline: `${client.displayName}: my password is Tr0ub4dor&3`,
      transcript: [{ type: 'message', from: { role: 'user', id: 'a8f5f167-0e4b-4b7e-9d6c-1f2e3d4c5b6a' }, text: 'login is bob@airmail.net / Lemon#Tree8' }],
    };
    expect(redactor.redactDeep(summary)).toEqual({
      ...summary,
      detail: `the password for my account is ${hidden}`,
      recentCustomerMessages: ['done', 'my username is bob@airmail.net', `pw: ${hidden}`, 'Secure Password Authentication (SPA)', `mi clave es ${hidden}`, hidden],
      headline: `${client.displayName}: my password is ${hidden}`,
      transcript: [{ ...summary.transcript[0], text: `login is bob@airmail.net / ${hidden}` }],
    });
    expect(JSON.stringify(redactor.redactDeep(summary))).not.toMatch(/Tr0ub4dor|sunshine77|hunter2|tortuga77|Lemon#Tree8|Xk9#mP2/);
  });
});
