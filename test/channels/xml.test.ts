import { childElements, parseXml, textOf } from '../support/xml';

describe('the test XML parser', () => {
  test('reads elements, attributes and decoded text', () => {
    const root = parseXml('<?xml version="1.0"?><speak a="1" b=\'x &amp; y\'><voice name="v">Tom &amp; &quot;Jerry&quot; &#65;&#x42;</voice></speak>');
    expect(root.name).toBe('speak');
    expect(root.attributes).toEqual({ a: '1', b: 'x & y' });
    expect(childElements(root)[0].attributes.name).toBe('v');
    expect(textOf(root)).toBe('Tom & "Jerry" AB');
  });

  test.each([
    ['<speak>a & b</speak>', 'Unescaped &'],
    ['<speak>a < b</speak>', 'Malformed'],
    ['<speak><voice></speak>', 'closes'],
    ['<speak>text', 'unclosed'],
    ['<speak/><speak/>', 'after the root'],
    ['<speak x="1" x="2"/>', 'duplicate'],
    ['<speak>&nbsp;</speak>', 'Unknown entity'],
  ])('rejects %s', (source, message) => {
    expect(() => parseXml(source)).toThrow(message);
  });
});
