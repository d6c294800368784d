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
