import type { Content } from '../content/loader';
import type { ClientContent } from '../content/schema';
import type { ProgramEntry } from '../content/understandingSchema';
import { genericOutlook } from '../understanding/entities';

/** The new Outlook for Windows: its settings are not the ones these procedures use. */
export const newOutlook = 'new-outlook';

/** What the bot does with the program a customer names. */
export type ProgramChoice =
  | { kind: 'procedure'; client: ClientContent }
  /** Outlook, version not known: ask which one. */
  | { kind: 'version' }
  | { kind: 'newOutlook' }
  /** The ISP's webmail in a browser: nothing to change there; the error comes from a mail program. */
  | { kind: 'webmail' }
  /** Another program: the general three-settings guide for a desktop program, a technician for phones and other providers' mail. */
  | { kind: 'other'; name: string; phoneOrWeb: boolean }
  | { kind: 'none' };

export function programChoice(content: Content, program: ProgramEntry | undefined): ProgramChoice {
  if (!program) return { kind: 'none' };
  const client = content.clients.find((c) => c.id === program.id);
  if (client) return { kind: 'procedure', client };
  if (program.id === genericOutlook) return { kind: 'version' };
  if (program.id === newOutlook) return { kind: 'newOutlook' };
  if (program.kind === 'webmail') return { kind: 'webmail' };
  return { kind: 'other', name: program.name ?? program.id.replace(/^other:/, ''), phoneOrWeb: program.kind === 'phoneOrWeb' };
}
