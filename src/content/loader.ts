import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { IspSettings } from '../config/config';
import { normalizeText } from '../understanding/normalize';
import { ClientContent, clientSchema, Lexicon, lexiconSchema, Messages, messagesSchema, Policy, policySchema } from './schema';
import { fill, ispPlaceholders, ispValues, placeholdersIn, turnPlaceholders } from './placeholders';
import { AnswersFile, answersFileSchema, EntitiesFile, entitiesFileSchema, entityMarkers, IntentsFile, intentsFileSchema } from './understandingSchema';

export interface Content {
  /** In the order customers are offered them. */
  clients: ClientContent[];
  messages: Messages;
  lexicon: Lexicon;
  policy: Policy;
  /** The ISP's own values (outgoing server, domain, phone), as configured: answers compare with them. */
  isp: IspSettings;
  /** What the classifier learns from, the entities it finds, and the answers to customers' questions. */
  understanding: { intents: IntentsFile; entities: EntitiesFile; answers: AnswersFile };
}

export class ContentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContentError';
  }
}

/** src/content both from src/content/loader.ts and from dist/content/loader.js. */
export const defaultContentDir = path.resolve(__dirname, '..', '..', 'src', 'content');

const knownPlaceholders = new Set<string>([...ispPlaceholders, ...turnPlaceholders]);

function readJson(file: string, dir: string): unknown {
  const shown = path.relative(dir, file) || file;
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch {
    throw new ContentError(`Content error in ${shown}: file is missing or unreadable`);
  }
  try {
    return JSON.parse(raw);
  } catch (error) {
    throw new ContentError(`Content error in ${shown}: not valid JSON (${(error as Error).message})`);
  }
}

function parse<T>(schema: z.ZodType<T>, file: string, dir: string): T {
  const result = schema.safeParse(readJson(file, dir));
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue.path.length ? issue.path.join('.') : 'file';
    throw new ContentError(`Content error in ${path.relative(dir, file)}: ${where} ${issue.message}`);
  }
  return result.data;
}

/** Every string in a JSON value, with its path, for the placeholder and literal-value checks. */
function* stringsIn(value: unknown, at: string): Generator<[string, string]> {
  if (typeof value === 'string') yield [at, value];
  else if (Array.isArray(value)) for (const [i, item] of value.entries()) yield* stringsIn(item, `${at}.${i}`);
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) yield* stringsIn(item, at ? `${at}.${key}` : key);
}

function checkTexts(value: unknown, file: string, isp: IspSettings): void {
  const literals = [isp.smtpServer, `@${isp.mailDomain}`, isp.supportPhone, isp.supportEmail].map((v) => v.toLowerCase());
  for (const [at, text] of stringsIn(value, '')) {
    const unknown = placeholdersIn(text).find((name) => !knownPlaceholders.has(name));
    if (unknown) throw new ContentError(`Content error in ${file}: ${at} uses unknown placeholder {${unknown}}`);
    const literal = literals.find((v) => text.toLowerCase().includes(v));
    if (literal) throw new ContentError(`Content error in ${file}: ${at} repeats "${literal}" literally; use a placeholder filled from configuration`);
  }
}

function fillIsp<T>(value: T, values: Record<string, string>): T {
  if (typeof value === 'string') return fill(value, values) as T;
  if (Array.isArray(value)) return value.map((item) => fillIsp(item, values)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fillIsp(item, values)])) as T;
  }
  return value;
}

/**
 * Listed clients are the choices of the first question; a client with a family is a version of a listed one
 * ("Outlook 2007" of Microsoft Outlook), and every client of a family needs a label for the version question.
 */
function checkFamilies(clients: ClientContent[], files: string[]): void {
  const fileOf = new Map(clients.map((client, i) => [client.id, `clients/${files[i]}`]));
  if (!clients.some((client) => client.listed)) {
    throw new ContentError('Content error in clients/: no listed mail client; at least one must have "listed": true');
  }
  for (const [i, client] of clients.entries()) {
    const file = `clients/${files[i]}`;
    if (client.family !== undefined) {
      const family = clients.find((c) => c.id === client.family);
      if (!family) throw new ContentError(`Content error in ${file}: family "${client.family}" is not the id of any client`);
      if (family === client) throw new ContentError(`Content error in ${file}: family "${client.family}" is this client's own id`);
      if (!family.listed) {
        throw new ContentError(`Content error in ${file}: family "${client.family}" must name a listed client, but ${fileOf.get(family.id)} is not listed`);
      }
      if (client.generic) throw new ContentError(`Content error in ${file}: family is not allowed on a generic procedure`);
      if (client.versionLabel === undefined) {
        throw new ContentError(`Content error in ${file}: versionLabel is required because this client is a version of "${client.family}"`);
      }
    }
    const member = clients.find((c) => c.family === client.id && c !== client);
    if (member && client.versionLabel === undefined) {
      throw new ContentError(`Content error in ${file}: versionLabel is required because ${fileOf.get(member.id)} names this client as its family`);
    }
  }
}

function loadClients(dir: string, isp: IspSettings): ClientContent[] {
  const clientDir = path.join(dir, 'clients');
  if (!fs.existsSync(clientDir)) throw new ContentError(`Content error in clients/: folder is missing`);
  const files = fs.readdirSync(clientDir).filter((name) => name.endsWith('.json')).sort();
  if (files.length === 0) throw new ContentError('Content error in clients/: no mail client files');
  const clients = files.map((name) => {
    const file = path.join(clientDir, name);
    const client = parse(clientSchema, file, dir);
    checkTexts(client, `clients/${name}`, isp);
    return client;
  });
  const seen = { id: new Map<string, string>(), order: new Map<number, string>(), alias: new Map<string, string>() };
  for (const [i, client] of clients.entries()) {
    const file = `clients/${files[i]}`;
    if (seen.id.has(client.id)) throw new ContentError(`Content error in ${file}: id "${client.id}" is also used by ${seen.id.get(client.id)}`);
    if (seen.order.has(client.order)) throw new ContentError(`Content error in ${file}: order ${client.order} is also used by ${seen.order.get(client.order)}`);
    seen.id.set(client.id, file);
    seen.order.set(client.order, file);
    for (const alias of client.aliases.map(normalizeText)) {
      if (seen.alias.has(alias)) throw new ContentError(`Content error in ${file}: alias "${alias}" is also used by ${seen.alias.get(alias)}`);
      seen.alias.set(alias, file);
    }
  }
  checkFamilies(clients, files);
  return clients.sort((a, b) => a.order - b.order);
}

function checkUnderstanding(intents: IntentsFile, entities: EntitiesFile): void {
  const file = 'understanding/intents.json';
  const owner = new Map<string, string>();
  for (const [intent, { commands, examples }] of Object.entries(intents.intents)) {
    for (const phrase of commands) {
      const key = normalizeText(phrase);
      const other = owner.get(key);
      if (other && other !== intent) throw new ContentError(`Content error in ${file}: command "${phrase}" is listed for both ${other} and ${intent}`);
      owner.set(key, intent);
    }
    for (const example of examples) {
      const unknown = placeholdersIn(example).find((name) => !(entityMarkers as readonly string[]).includes(name));
      if (unknown) throw new ContentError(`Content error in ${file}: intents.${intent} example "${example}" uses unknown entity {${unknown}}`);
    }
  }
  for (const { code, pattern } of entities.errorCodes) {
    try {
      new RegExp(pattern, 'i');
    } catch {
      throw new ContentError(`Content error in understanding/entities.json: errorCodes ${code} pattern is not a valid regular expression`);
    }
  }
}

function loadUnderstanding(dir: string, isp: IspSettings, values: Record<string, string>): Content['understanding'] {
  const intents = parse(intentsFileSchema, path.join(dir, 'understanding', 'intents.json'), dir);
  const entities = parse(entitiesFileSchema, path.join(dir, 'understanding', 'entities.json'), dir);
  const answers = parse(answersFileSchema, path.join(dir, 'answers.json'), dir);
  checkUnderstanding(intents, entities);
  checkTexts(answers, 'answers.json', isp);
  return { intents, entities, answers: fillIsp(answers, values) };
}

/**
 * Loads and validates all content; throws a ContentError naming the file and field on the first problem.
 * ISP values (server, domain, phone, email, company) are filled into the text here, once.
 */
export function loadContent(isp: IspSettings, dir: string = defaultContentDir): Content {
  const values = ispValues(isp);
  const clients = loadClients(dir, isp);
  const messages = parse(messagesSchema, path.join(dir, 'messages.json'), dir);
  checkTexts(messages, 'messages.json', isp);
  const lexicon = parse(lexiconSchema, path.join(dir, 'lexicon.json'), dir);
  const policy = parse(policySchema, path.join(dir, 'policy.json'), dir);
  return {
    clients: fillIsp(clients, values),
    messages: fillIsp(messages, values),
    lexicon,
    policy,
    understanding: loadUnderstanding(dir, isp, values),
    isp,
  };
}
