import { Activity, ActivityTypes } from 'botbuilder';
import { fill, type SpokenSymbols } from '../content/placeholders';
import { escapeXml, stripMarkup } from './markup';
import type { Reply } from './reply';
import { inputHintFor } from './richReply';

export interface VoiceOptions {
  /** Azure text-to-speech voice, e.g. en-US-JennyNeural. */
  voiceName: string;
  /** "Say {label} or press {n}." from the content. */
  choiceSpoken: string;
  /** How "@" and "." are read in this language ("at"/"dot", "arroba"/"punto"). */
  symbols?: SpokenSymbols;
}

/**
 * Addresses and server names as a technician reads them out: "bob@airmail.net" is "bob at airmail dot net",
 * "smtp.airmail.net" is "smtp dot airmail dot net"; "SMTP" and references ("S W 3 X J 5 9 9") are spelled.
 */
export function speakable(sentence: string, { at, dot }: SpokenSymbols = { at: 'at', dot: 'dot' }): string {
  return sentence
    .replace(/\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g, (address) => address.replace('@', ` ${at} `).replace(/\./g, ` ${dot} `))
    .replace(/(^|\s)@([\w-]+(?:\.[\w-]+)+)\b/g, (_, space: string, domain: string) => `${space}${at} ${domain.replace(/\./g, ` ${dot} `)}`)
    .replace(/\b(?:[a-z0-9-]+\.)+(?:net|com|org)\b/gi, (host) => host.replace(/\./g, ` ${dot} `))
    .replace(/\bSMTP\b/g, 'S M T P')
    // A case reference or ticket number (SW-3XJ599) is read one character at a time, for writing down.
    .replace(/\b[A-Z]{2,}(?:-[A-Z0-9]{2,})+\b/g, (code) => code.replace(/-/g, '').split('').join(' '));
}

/** The language of an Azure voice name: "en-US-JennyNeural" -> "en-US". */
export function voiceLocale(voiceName: string): string {
  return voiceName.split('-').slice(0, 2).join('-');
}

// A North American phone number as the content writes it: 1-800-232-4335, 800-232-4335, (800) 232-4335.
const phoneNumber = /(?:\b1[-. ])?(?:\(\d{3}\)\s?|\b\d{3}[-. ])\d{3}[-. ]\d{4}\b/g;

/** The sentence as SSML text: escaped, and phone numbers read digit by digit in groups (say-as telephone). */
function ssmlText(sentence: string): string {
  let text = '';
  let last = 0;
  for (const match of sentence.matchAll(phoneNumber)) {
    text += `${escapeXml(sentence.slice(last, match.index))}<say-as interpret-as="telephone">${escapeXml(match[0])}</say-as>`;
    last = match.index + match[0].length;
  }
  return text + escapeXml(sentence.slice(last));
}

/** SSML for one spoken message; Azure speech needs the voice element, so it is always there. */
export function ssml(sentence: string, voiceName: string): string {
  const locale = voiceLocale(voiceName);
  return (
    `<speak version="1.0" xmlns="http://www.w3.org/2001/10/synthesis" xml:lang="${escapeXml(locale)}">` +
    `<voice name="${escapeXml(voiceName)}">${ssmlText(sentence)}</voice></speak>`
  );
}

/**
 * Telephony and Direct Line Speech: nothing on a screen, so everything is said, choices included with the
 * key that selects them; the input hint tells the channel whether to listen.
 */
export function renderVoice(reply: Reply, options: VoiceOptions): Partial<Activity> {
  const sentence = reply.spoken ?? stripMarkup(reply.text).replace(/\s*\n+\s*/g, ' ');
  const choices = reply.voicePrompt ? [reply.voicePrompt] : (reply.choices ?? []).map((choice, i) => fill(options.choiceSpoken, { label: choice.label, n: i + 1 }));
  const spoken = speakable([sentence, ...choices].join(' '), options.symbols);
  return { type: ActivityTypes.Message, text: spoken, speak: ssml(spoken, options.voiceName), inputHint: inputHintFor(reply) };
}
