import type { IspSettings } from '../config/config';

/** Placeholders filled from configuration when content is loaded. */
export const ispPlaceholders = [
  'companyName',
  'smtpServer',
  'smtpServerSpoken',
  'mailDomain',
  'mailDomainSpoken',
  'supportPhone',
  'supportEmail',
] as const;

/** Placeholders filled per message while the conversation runs. */
export const turnPlaceholders = [
  'n',
  'total',
  'clientName',
  'count',
  'supportedClients',
  'items',
  'label',
  // handoff: queue, references, hours, the technician and relayed text
  'position',
  'reference',
  'ticket',
  'hours',
  'days',
  'open',
  'close',
  'timeZone',
  'first',
  'last',
  'name',
  'text',
  'title',
  'headline',
  'where',
  'reason',
  // a callback outside business hours: the number to call; the last digits of a number texted a link
  'number',
  // a link to the website chat
  'url',
  // understanding: what a box shows, the program being switched from
  'observed',
  'currentName',
] as const;

const placeholderPattern = /\{([a-zA-Z]+)\}/g;

export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(placeholderPattern)].map((match) => match[1]);
}

/** Replaces {name} with values[name]; unknown names are left as they are (the validator rejects them earlier). */
export function fill(text: string, values: Record<string, string | number | undefined>): string {
  return text.replace(placeholderPattern, (whole, name: string) => {
    const value = values[name];
    return value === undefined ? whole : String(value);
  });
}

/** How a voice reads "@" and "." (messages.json `spokenSymbols`): "at" and "dot", "arroba" and "punto". */
export interface SpokenSymbols {
  at: string;
  dot: string;
}

const englishSymbols: SpokenSymbols = { at: 'at', dot: 'dot' };

/** "smtp.airmail.net" -> "smtp dot airmail dot net", so a voice reads it the way a technician would. */
function spokenHostName(host: string, symbols: SpokenSymbols): string {
  return host.split('.').join(` ${symbols.dot} `);
}

export function ispValues(isp: IspSettings, symbols: SpokenSymbols = englishSymbols): Record<(typeof ispPlaceholders)[number], string> {
  return {
    companyName: isp.companyName,
    smtpServer: isp.smtpServer,
    smtpServerSpoken: spokenHostName(isp.smtpServer, symbols),
    mailDomain: isp.mailDomain,
    mailDomainSpoken: spokenHostName(isp.mailDomain, symbols),
    supportPhone: isp.supportPhone,
    supportEmail: isp.supportEmail,
  };
}
