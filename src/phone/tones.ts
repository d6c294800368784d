/** ACS names keypad tones ("one", "pound"); the conversation reads keys as the telephony channel sends them. */
const keyByTone: Record<string, string> = {
  zero: '0',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
  asterisk: '*',
  pound: '#',
};

export function keyOfTone(tone: string): string | undefined {
  return keyByTone[tone.toLowerCase()];
}
