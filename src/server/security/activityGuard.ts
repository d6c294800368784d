import { z } from 'zod';

/** Deeper than any real activity (cards, Teams channelData) nest; deep enough to break JSON.stringify is refused. */
export const maxActivityDepth = 32;

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Identifiers end up in URLs and storage keys: no lone surrogates (encodeURIComponent throws on them). */
const identifier = z
  .string()
  .max(1024)
  .refine((value) => !loneSurrogate.test(value), 'must be well-formed Unicode');

const text = z.string();
const date = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'must be a date');
const object = z.record(z.string(), z.unknown());
const account = z.looseObject({ id: identifier.optional(), name: text.optional(), role: text.optional() });
const member = z.looseObject({ id: identifier, name: text.optional(), role: text.optional() });

/**
 * The types of the activity fields the bot and the SDK read. A field of the wrong type (entities as a
 * string, membersAdded as a number) would fail mid-turn; refused here it is a clean 400 that never
 * reaches the conversation. Unknown fields pass through untouched.
 */
const activityTypes = z.looseObject({
  type: identifier,
  id: identifier.optional(),
  replyToId: identifier.optional(),
  channelId: identifier,
  serviceUrl: identifier,
  timestamp: date.optional(),
  localTimestamp: date.optional(),
  expiration: date.optional(),
  // Every channel says who sent the activity; the transcript and the state need it.
  from: member,
  recipient: account.optional(),
  conversation: z.looseObject({ id: identifier, name: text.optional(), conversationType: text.optional(), tenantId: text.optional() }),
  text: text.optional(),
  speak: text.optional(),
  locale: text.optional(),
  textFormat: text.optional(),
  inputHint: text.optional(),
  name: text.optional(),
  deliveryMode: text.optional(),
  membersAdded: z.array(member).optional(),
  membersRemoved: z.array(member).optional(),
  reactionsAdded: z.array(object).optional(),
  reactionsRemoved: z.array(object).optional(),
  attachments: z.array(z.looseObject({ contentType: text.optional(), contentUrl: text.optional(), name: text.optional() })).optional(),
  entities: z.array(z.looseObject({ type: text.optional() })).optional(),
  channelData: object.optional(),
  suggestedActions: object.optional(),
  relatesTo: object.optional(),
});

/** How deeply a JSON value nests, without recursion (so a hostile value cannot overflow the stack). */
export function depthExceeds(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (!current || typeof current !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Object.values(current)) if (child && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * Why a body that already passed the basic activity shape is still unsafe to process: nesting too deep,
 * identifiers with broken Unicode, known fields of the wrong type. Undefined when it is fine.
 */
export function activityGuardProblem(body: unknown): string | undefined {
  if (depthExceeds(body, maxActivityDepth)) return `Invalid activity: nested more than ${maxActivityDepth} levels deep.`;
  const result = activityTypes.safeParse(body);
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  const message = issue.message.charAt(0).toLowerCase() + issue.message.slice(1);
  return `Invalid activity: ${issue.path.join('.') || 'body'} ${message}.`;
}
