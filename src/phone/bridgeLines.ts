import type { ReplyRenderer } from '../channels/renderer';
import { phoneChannelId } from '../channels/profiles';
import { Language, languages } from '../content/languages';
import type { Content } from '../content/loader';
import { fill } from '../content/placeholders';

/** The bridge's own lines (content `phone`), as SSML for the call. */
export interface BridgeLines {
  silenceOffer(): string;
  referenceBeforeTransfer(reference: string): string;
  goodbyeAfterSilence(): string;
  transferFailed(reference: string | undefined): string;
}

/** One language's lines, from that language's content, spoken in its voice like every reply on the phone channel. */
function linesIn(language: Language, content: Content, renderer: ReplyRenderer): BridgeLines {
  const spoken = (text: string) => renderer.render({ text, expectsReply: true }, { channelId: phoneChannelId }, language).speak!;
  const lines = content.localized[language].messages.phone;
  return {
    silenceOffer: () => spoken(lines.silenceOffer),
    referenceBeforeTransfer: (reference) => spoken(fill(lines.referenceBeforeTransfer, { reference })),
    goodbyeAfterSilence: () => spoken(lines.goodbyeAfterSilence),
    transferFailed: (reference) => spoken(fill(lines.transferFailed, { reference: reference ?? '' })),
  };
}

/** The bridge's lines in every language Stepwise speaks: a call hears them in its own. */
export function bridgeLines(content: Content, renderer: ReplyRenderer): Record<Language, BridgeLines> {
  return Object.fromEntries(languages.map((language) => [language, linesIn(language, content, renderer)])) as Record<Language, BridgeLines>;
}
