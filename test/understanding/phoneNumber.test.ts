import { loadConfig } from '../../src/config/config';
import { loadContent } from '../../src/content/loader';
import { displayPhoneNumber, findPhoneNumber } from '../../src/understanding/phoneNumber';

const digits = loadContent(loadConfig({}).isp).lexicon.digits;
const find = (text: string) => findPhoneNumber(text, digits);

describe('a phone number in what a customer says', () => {
  test.each([
    ['214-555-0123', '+12145550123'],
    ['(214) 555-0123', '+12145550123'],
    ['my number is 214.555.0123', '+12145550123'],
    ['2145550123', '+12145550123'],
    ['1-214-555-0123', '+12145550123'],
    ['+1 214 555 0123 please', '+12145550123'],
    ['call me at 214 555 0123 after 5', '+12145550123'],
    ['two one four five five five oh one two three', '+12145550123'],
    ['two one four, five five five, zero one two three', '+12145550123'],
    ['mi número es dos uno cuatro cinco cinco cinco cero uno dos tres', '+12145550123'],
    ['es el 972 555 0199', '+19725550199'],
    ['+44 20 7946 0958', '+442079460958'],
  ])('%s -> %s', (text, number) => {
    expect(find(text)).toBe(number);
  });

  test.each([
    ['error 550'],
    ['555-0123'],
    ['call me back'],
    // Area codes and exchanges start with 2-9.
    ['014-555-0123'],
    ['214-155-0123'],
    ['214 555 01234 5'],
    [''],
  ])('%s has none', (text) => {
    expect(find(text)).toBeUndefined();
  });

  test('written back as North Americans write it, others as given', () => {
    expect(displayPhoneNumber('+12145550123')).toBe('214-555-0123');
    expect(displayPhoneNumber('+442079460958')).toBe('+442079460958');
  });
});
