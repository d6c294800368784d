import { loadConfig } from '../../src/config/config';
import { loadContent } from '../../src/content/loader';
import { createRedactor } from '../../src/privacy/createRedactor';

const redactor = createRedactor(loadContent(loadConfig({}).isp));

test.each([
  ['mi contraseña es Sol2024', 'mi contraseña es [password hidden]'],
  ['la clave es perro123', 'la clave es [password hidden]'],
  ['mi contraseña: hola123', 'mi contraseña: [password hidden]'],
  ['puse la contraseña gato99', 'puse la contraseña [password hidden]'],
  ['le cambié la contraseña a Luna2025', 'le cambié la contraseña a [password hidden]'],
  ['la contrasena que uso es Chivas10', 'la contrasena que uso es [password hidden]'],
  ['mi clave de correo es Rosa1980', 'mi clave de correo es [password hidden]'],
  ['mi contraseña era maria1985 pero la cambie', 'mi contraseña era [password hidden] pero la cambie'],
])('a Spanish-speaking customer\'s password is masked: %s', (said, kept) => {
  expect(redactor.redact(said).text).toBe(kept);
});

test.each(['mi contraseña es incorrecta', 'mi contraseña es la misma', 'la contraseña es nueva', '¿tengo que poner mi contraseña?'])(
  'words about a password are not taken for one: %s',
  (said) => {
    expect(redactor.redact(said).text).toBe(said);
  },
);
