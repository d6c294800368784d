import type { Activity } from 'botbuilder';

/** What a message carries besides text, in the terms the conversation answers it in. */
export type Carried = 'picture' | 'file' | undefined;

/** Teams sends every message's own text again as an HTML attachment; that is not something the customer attached. */
const MESSAGE_COPIES = new Set(['text/html', 'text/plain']);

/** Whether the customer sent a picture (a screenshot of the error, say) or another file. */
export function carried(activity: Partial<Activity>): Carried {
  const attachments = (activity.attachments ?? []).filter((a) => a && typeof a.contentType === 'string');
  const sent = attachments.filter((a) => !MESSAGE_COPIES.has(a.contentType.toLowerCase()) || htmlWithPicture(a.content));
  if (!sent.length) return undefined;
  return sent.some((a) => isPicture(a.contentType, a.name) || htmlWithPicture(a.content)) ? 'picture' : 'file';
}

function isPicture(contentType: string, name: unknown): boolean {
  if (contentType.toLowerCase().startsWith('image/')) return true;
  // Teams file uploads arrive as a download-info attachment named after the file.
  return typeof name === 'string' && /\.(png|jpe?g|gif|bmp|webp|heic|tiff?)$/i.test(name);
}

function htmlWithPicture(content: unknown): boolean {
  return typeof content === 'string' && /<img\b/i.test(content);
}
