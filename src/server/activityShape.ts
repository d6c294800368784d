import { z } from 'zod';

const text = z.string().trim().min(1).max(1024);

/**
 * The fields every incoming activity must have before the adapter sees it. Anything looser makes the
 * bot fail mid-turn (no conversation to keep state for, no serviceUrl to reply to) instead of a clean 400.
 */
const activityShape = z.object({
  type: text,
  channelId: text,
  serviceUrl: text,
  conversation: z.object({ id: text }),
  from: z.object({ id: text }).optional(),
  text: z.string().optional(),
});

/** Why the body is not an acceptable activity, or undefined when it is. */
export function activityProblem(body: unknown): string | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'Expected a Bot Framework activity (a JSON object) in the request body.';
  const result = activityShape.safeParse(body);
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  return `Invalid activity: ${issue.path.join('.') || 'body'} ${issue.message.toLowerCase()}.`;
}

/** Fields every activity must have: null there stays null, and is refused (400) like any missing field. */
const requiredFields = new Set(['type', 'channelId', 'serviceUrl', 'conversation', 'from']);
/** Objects whose own optional fields may be null (`from.name`, `conversation.tenantId`): their `id` is required. */
const accountFields = ['from', 'recipient', 'conversation'];
/** Lists of objects whose optional fields may be null (an attachment's `name`, a member's `name`). */
const listFields = ['membersAdded', 'membersRemoved', 'attachments', 'entities', 'reactionsAdded', 'reactionsRemoved'];

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject => Boolean(value) && typeof value === 'object' && !Array.isArray(value);

function dropNulls(object: JsonObject, keep: ReadonlySet<string>): void {
  for (const key of Object.keys(object)) if (object[key] === null && !keep.has(key)) delete object[key];
}

const keepId = new Set(['id']);
const keepNothing = new Set<string>();

/**
 * Many channels and client libraries write an optional field as null rather than leaving it out
 * (`"text": null` on an image, `"locale": null`, `"from": { "id": "...", "name": null }`). Null in an
 * optional field means absent: such fields are removed, in place, before the activity is checked, so
 * the turn runs exactly as if they had never been sent. Only the activity's own fields and those of its
 * accounts and lists are touched; nulls inside free-form values (channelData, value, a card) are kept.
 * Null in a required field (type, channelId, serviceUrl, conversation, conversation.id, from, from.id)
 * is left for the checks to refuse.
 */
export function dropNullOptionalFields(body: unknown): unknown {
  if (!isObject(body)) return body;
  dropNulls(body, requiredFields);
  for (const field of accountFields) {
    const account = body[field];
    if (isObject(account)) dropNulls(account, keepId);
  }
  for (const field of listFields) {
    const list = body[field];
    if (!Array.isArray(list)) continue;
    for (const item of list) if (isObject(item)) dropNulls(item, field.startsWith('members') ? keepId : keepNothing);
  }
  return body;
}
