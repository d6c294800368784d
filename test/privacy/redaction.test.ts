import { loadConfig } from '../../src/config/config';
import { loadContent } from '../../src/content/loader';
import { createRedactor } from '../../src/privacy/createRedactor';

const redactor = createRedactor(loadContent(loadConfig({}).isp));

describe('Redactor', () => {
  test.each([
    ['my password is hunter2', 'my password is [password hidden]'],
    ['My Password: Tr0ub4dor&3 and it still fails', 'My Password: [password hidden] and it still fails'],
    ['pw=abc123', 'pw=[password hidden]'],
    ['the password was "s3cret" yesterday', 'the password was "[password hidden]" yesterday'],
    ['passwd hunter2.', 'passwd [password hidden].'],
    ['Xk9#mP2$vL', '[password hidden]'],
  ])('masks %j', (input, expected) => {
    expect(redactor.redact(input)).toEqual({ text: expected, found: true });
  });

  test.each([
    'my password is wrong',
    'the password box is empty',
    'Outlook2007',
    'OutlookExpress6',
    'done',
    'joe@airmail.net',
    'smtp.airmail.net',
    'I use Outlook 2007 and get error 550',
    'Where do I put the password?',
  ])('leaves %j alone', (input) => {
    expect(redactor.redact(input)).toEqual({ text: input, found: false });
  });

  test.each(['my password is hunter2', 'pw: "Xk9#mP2$vL" twice, password is Xk9#mP2$vL', 'Xk9#mP2$vL'])('masking %j again changes nothing', (input) => {
    const once = redactor.redact(input).text;
    expect(redactor.redact(once).text).toBe(once);
    expect(once).not.toContain('Xk9#mP2$vL');
    expect(once).not.toContain('hunter2');
  });

  test('redactDeep masks strings anywhere in a value', () => {
    const value = { summary: { recent: ['password is hunter2', 'done'] }, count: 3 };
    expect(redactor.redactDeep(value)).toEqual({ summary: { recent: ['password is [password hidden]', 'done'] }, count: 3 });
  });
});
