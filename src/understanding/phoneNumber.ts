import { normalizeText } from './normalize';

/**
 * A phone number in what a customer wrote or said: "214-555-0123", "(214) 555 0123", "+1 214 555 0123",
 * "my number is 2145550123", or digit words as speech recognition may give them ("two one four five five
 * five oh one two three", "dos uno cuatro…"). North American numbers need no country code (the ISP's
 * customers are there); others need their "+". Resolves with the number in E.164 form (+12145550123).
 * `digitWords[d]` are the words for digit d in every language.
 */
export function findPhoneNumber(text: string, digitWords: readonly (readonly string[])[]): string | undefined {
  const international = /\+\s*\d/.test(text);
  for (const run of digitRuns(text, digitWords)) {
    const number = e164(run, international);
    if (number) return number;
  }
  return undefined;
}

/**
 * The message's runs of digits: figures and digit words next to each other ("214 555 0123", "two one four…"),
 * a run ending at any other word, so that "call me at 214 555 0123 after 5" does not take the 5.
 */
function digitRuns(text: string, digitWords: readonly (readonly string[])[]): string[] {
  const wordDigit = new Map<string, string>();
  digitWords.forEach((words, digit) => words.forEach((word) => wordDigit.set(normalizeText(word), String(digit))));
  const runs: string[] = [];
  let run = '';
  for (const token of normalizeText(text).split(' ')) {
    const digits = /^\d+$/.test(token) ? token : wordDigit.get(token);
    if (digits !== undefined) {
      run += digits;
      continue;
    }
    if (run) runs.push(run);
    run = '';
  }
  if (run) runs.push(run);
  return runs;
}

function e164(digits: string, international: boolean): string | undefined {
  if (international) return digits.length >= 8 && digits.length <= 15 && digits[0] !== '0' ? `+${digits}` : undefined;
  const national = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
  // NANP: area code and exchange start with 2-9.
  return /^[2-9]\d{2}[2-9]\d{6}$/.test(national) ? `+1${national}` : undefined;
}

/** How a number is written back to the customer: 214-555-0123 for North America (read as a phone number by voice). */
export function displayPhoneNumber(number: string): string {
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(number);
  return nanp ? `${nanp[1]}-${nanp[2]}-${nanp[3]}` : number;
}
