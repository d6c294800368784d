import type { Activity } from 'botbuilder';
import type { PendingTransfer } from './callRecords';

/** What a turn's replies mean on a call: SSML to play, and whether the conversation handed the caller off. */
export interface SpokenTurn {
  /** One SSML document per message, in order. */
  prompts: string[];
  handoff?: PendingTransfer;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}

export function spokenTurn(replies: Partial<Activity>[]): SpokenTurn {
  const prompts = replies.filter((reply) => reply.type === 'message' && text(reply.speak)).map((reply) => reply.speak!);
  const initiation = replies.find((reply) => reply.type === 'event' && reply.name === 'handoff.initiate');
  if (!initiation) return { prompts };
  const summary = (initiation.value ?? {}) as Record<string, unknown>;
  return { prompts, handoff: { reference: text(summary.reference), headline: text(summary.headline), where: text(summary.where) } };
}
