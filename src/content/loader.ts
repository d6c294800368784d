import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { IspSettings } from '../config/config';
import { normalizeText } from '../understanding/normalize';
import { ClientContent, clientSchema, Lexicon, lexiconSchema, Messages, messagesSchema, Policy, policySchema } from './schema';
import { fill, ispPlaceholders, ispValues, placeholdersIn, turnPlaceholders } from './placeholders';
import { AnswersFile, answersFileSchema, EntitiesFile, entitiesFileSchema, entityMarkers, IntentsFile, intentsFileSchema } from './understandingSchema';
import { baseLanguage, Language, languages } from './languages';
import {
  answersWithSameShape,
  checkSameShape,
  joinedLexicon,
  translatedClient,
  translatedEntities,
  translatedIntents,
  translatedMessages,
  translationDir,
} from './translation';
import {
  staffMessageSections,
  translatedClientSchema,
  translatedEntitiesSchema,
  translatedIntentsSchema,
  translatedLexiconSchema,
  translatedMessagesSchema,
} from './translationSchema';

export interface Content {
  /** The language this content speaks (the customer-facing words; staff-facing sections are always English). */
  language: Language;
  /**
   * The same content in every language, this one included: `content.localized.es` is what a Spanish-speaking
   * customer reads. Not enumerable, so the content can still be serialized.
   */
  readonly localized: Record<Language, Content>;
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

function checkUnderstanding(intents: IntentsFile, entities: EntitiesFile, file: string): void {
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
      throw new ContentError(`Content error in ${file.replace('intents.json', 'entities.json')}: errorCodes ${code} pattern is not a valid regular expression`);
    }
  }
}

/** One language's files before the ISP's values are filled in. */
interface Tree {
  clients: ClientContent[];
  messages: Messages;
  intents: IntentsFile;
  entities: EntitiesFile;
  answers: AnswersFile;
}

function loadEnglishTree(dir: string, isp: IspSettings): Tree {
  const clients = loadClients(dir, isp);
  const messages = parse(messagesSchema, path.join(dir, 'messages.json'), dir);
  checkTexts(messages, 'messages.json', isp);
  const intents = parse(intentsFileSchema, path.join(dir, 'understanding', 'intents.json'), dir);
  const entities = parse(entitiesFileSchema, path.join(dir, 'understanding', 'entities.json'), dir);
  const answers = parse(answersFileSchema, path.join(dir, 'answers.json'), dir);
  checkUnderstanding(intents, entities, 'understanding/intents.json');
  checkTexts(answers, 'answers.json', isp);
  return { clients, messages, intents, entities, answers };
}

const fail = (message: string) => new ContentError(message);

/**
 * Another language's tree (src/content/es): its words over the English structure. A file, key, step or
 * placeholder the English has and the translation lacks stops start-up, naming the file and the key.
 */
function loadTranslatedTree(dir: string, language: Language, english: Tree, isp: IspSettings): { tree: Tree; lexicon: z.infer<typeof translatedLexiconSchema> } {
  const at = translationDir(dir, language);
  const name = (file: string) => `${language}/${file}`;
  const parseIn = <T>(schema: z.ZodType<T>, file: string): T => parse(schema, path.join(at, file), dir);

  // The shape first, so a missing translation is named as one rather than as a schema error.
  const customerWords = Object.fromEntries(Object.entries(english.messages).filter(([key]) => !(staffMessageSections as readonly string[]).includes(key)));
  checkSameShape(customerWords, readJson(path.join(at, 'messages.json'), dir), name('messages.json'), fail);
  const messagesFile = parseIn(translatedMessagesSchema, 'messages.json');
  checkTexts(messagesFile, name('messages.json'), isp);

  const clients = english.clients.map((client) => {
    const file = path.join(at, 'clients', `${client.id}.json`);
    const translated = fs.existsSync(file) ? parse(translatedClientSchema, file, dir) : undefined;
    checkTexts(translated ?? {}, name(`clients/${client.id}.json`), isp);
    return translatedClient(client, translated, name(`clients/${client.id}.json`), fail);
  });

  const answers = answersWithSameShape(english.answers, parseIn(answersFileSchema, 'answers.json'), name('answers.json'), fail);
  checkTexts(answers, name('answers.json'), isp);
  const intents = translatedIntents(english.intents, parseIn(translatedIntentsSchema, path.join('understanding', 'intents.json')), name('understanding/intents.json'), fail);
  const entities = translatedEntities(english.entities, parseIn(translatedEntitiesSchema, path.join('understanding', 'entities.json')), name('understanding/entities.json'), fail);
  checkUnderstanding(intents, entities, name('understanding/intents.json'));
  const lexicon = parseIn(translatedLexiconSchema, 'lexicon.json');
  return { tree: { clients, messages: translatedMessages(english.messages, messagesFile), intents, entities, answers }, lexicon };
}

function contentOf(tree: Tree, language: Language, lexicon: Lexicon, policy: Policy, isp: IspSettings): Omit<Content, 'localized'> {
  const values = ispValues(isp, tree.messages.spokenSymbols);
  return {
    language,
    clients: fillIsp(tree.clients, values),
    messages: fillIsp(tree.messages, values),
    lexicon,
    policy,
    understanding: { intents: tree.intents, entities: tree.entities, answers: fillIsp(tree.answers, values) },
    isp,
  };
}

/**
 * Loads and validates all content, in every language; throws a ContentError naming the file and field on the
 * first problem. ISP values (server, domain, phone, email, company) are filled into the text here, once.
 * Returns the English content; `localized` holds every language's.
 */
export function loadContent(isp: IspSettings, dir: string = defaultContentDir): Content {
  const english = loadEnglishTree(dir, isp);
  const baseLexicon = parse(lexiconSchema, path.join(dir, 'lexicon.json'), dir);
  const policy = parse(policySchema, path.join(dir, 'policy.json'), dir);
  const trees = new Map<Language, Tree>([[baseLanguage, english]]);
  let lexicon = baseLexicon;
  for (const language of languages) {
    if (language === baseLanguage) continue;
    const translated = loadTranslatedTree(dir, language, english, isp);
    trees.set(language, translated.tree);
    lexicon = joinedLexicon(lexicon, translated.lexicon, `${language}/lexicon.json`, fail);
  }
  const localized = {} as Record<Language, Content>;
  for (const language of languages) {
    const content = contentOf(trees.get(language)!, language, lexicon, policy, isp) as Content;
    Object.defineProperty(content, 'localized', { value: localized, enumerable: false });
    localized[language] = content;
  }
  return localized[baseLanguage];
}
