import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config/config';
import { loadContent } from '../../src/content/loader';
import { createPinoLogger, defaultLogFormat } from '../../src/logging/pinoLogger';
import { createRedactor } from '../../src/privacy/createRedactor';
import { redactingLogger } from '../../src/privacy/redactingLogger';
import { logRecords } from '../support/logRecords';

function memoryStream() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return Object.assign(stream, { lines });
}

const redactor = createRedactor(loadContent(loadConfig({}).isp));

test('JSON logs: one object a line with level, ISO time, message and the fields, passwords masked as before', () => {
  const stream = memoryStream();
  const logger = redactingLogger(createPinoLogger('info', 'json', stream), redactor);
  logger.error('turn failed: customer wrote my password is Hunter2Secret', {
    conversationId: 'a8f5f167-0e4b-4b7e-9d6c-1f2e3d4c5b6a',
    text: 'Xk9#mP2$vLq',
    error: 'Error: pwd=Tr0ub4dor&3 rejected',
    nested: { recentCustomerMessages: ['done', 'Zq8!rT5#wNp'] },
  });
  logger.debug('not at info');

  expect(stream.lines).toHaveLength(1);
  expect(stream.lines[0].endsWith('\n')).toBe(true);
  const [record] = logRecords(stream.lines.join(''));
  expect(Object.keys(record)).toEqual(['level', 'time', 'conversationId', 'text', 'error', 'nested', 'msg']);
  expect(record).toEqual({
    level: 'error',
    time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    msg: 'turn failed: customer wrote my password is [password hidden]',
    conversationId: 'a8f5f167-0e4b-4b7e-9d6c-1f2e3d4c5b6a',
    text: '[password hidden]',
    error: 'Error: pwd=[password hidden] rejected',
    nested: { recentCustomerMessages: ['done', '[password hidden]'] },
  });
  expect(stream.lines.join('')).not.toMatch(/Hunter2Secret|Xk9#mP2|Tr0ub4dor|Zq8!rT5/);
});

test('levels: debug shows at debug, silent shows nothing', () => {
  const debug = memoryStream();
  createPinoLogger('debug', 'json', debug).debug('details', { ms: 3 });
  expect(logRecords(debug.lines.join(''))).toEqual([{ level: 'debug', time: expect.any(String), ms: 3, msg: 'details' }]);
  const silent = memoryStream();
  createPinoLogger('silent', 'json', silent).error('nothing');
  expect(silent.lines).toEqual([]);
});

test('pretty logs: one readable line with the time, level, message and fields, no colour when not a terminal', () => {
  const stream = memoryStream();
  redactingLogger(createPinoLogger('info', 'pretty', stream), redactor).warn('rate limit reached', { limit: 'conversation', text: 'password is abc123XYZ' });
  expect(stream.lines.join('')).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] WARN: rate limit reached \{"limit":"conversation","text":"password is \[password hidden\]"\}\n$/);
});

test('the format: pretty at a terminal, JSON otherwise, unless LOG_FORMAT chooses', () => {
  expect(defaultLogFormat(undefined, true)).toBe('pretty');
  expect(defaultLogFormat(undefined, false)).toBe('json');
  expect(defaultLogFormat('json', true)).toBe('json');
  expect(defaultLogFormat('pretty', false)).toBe('pretty');
});
