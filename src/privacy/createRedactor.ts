import type { Content } from '../content/loader';
import { Redactor } from './redaction';

/** The redactor configured from content: its mask, the words that are not passwords, the program names. */
export function createRedactor(content: Content): Redactor {
  const programWords = content.clients.flatMap((client) => [client.displayName, ...client.aliases, ...client.versions]).flatMap((name) => name.split(/\s+/));
  return new Redactor({
    mask: content.messages.passwordMask,
    notSecrets: content.lexicon.notPasswords,
    knownWords: [...programWords, ...content.understanding.entities.programs.flatMap((program) => program.synonyms.flatMap((name) => name.split(/\s+/)))],
  });
}
