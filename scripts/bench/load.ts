import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { BenchConnector } from './benchConnector';

/** One customer's whole conversation: the messages after joining, and the bot's expected last words. */
export interface Procedure {
  messages: string[];
  lastReply: string;
}

export interface LoadOptions {
  label: string;
  /** The bot's instances: the turns go to each in turn, whoever's conversation they belong to (no affinity). */
  botUrls: string[];
  connector: BenchConnector;
  serviceUrl: string;
  conversations: number;
  concurrency: number;
  procedures: Procedure[];
  /** No new conversation starts after this long; the run reports it as a failure. */
  maxMs: number;
}

export interface LoadResult {
  turns: number;
  elapsedMs: number;
  latenciesMs: number[];
  failures: string[];
}

const turnTimeoutMs = 10000;

/** The ids of conversation `index` of a run: distinct customers, one conversation each. */
export function benchIds(label: string, index: number): { conversationId: string; userId: string } {
  return { conversationId: `bench-${label}-${index}`, userId: `bench-${label}-user-${index}` };
}

/** Drives `conversations` whole procedures, `concurrency` at a time, over HTTP; measures every turn. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  const failures: string[] = [];
  const started = performance.now();
  let next = 0;
  let turns = 0;

  async function turn(conversationId: string, userId: string, activity: Record<string, unknown>): Promise<void> {
    const body = JSON.stringify({
      id: randomUUID(),
      channelId: 'webchat',
      serviceUrl: options.serviceUrl,
      conversation: { id: conversationId },
      from: { id: userId, name: 'Customer', role: 'user' },
      recipient: { id: 'stepwise', name: 'Stepwise', role: 'bot' },
      ...activity,
    });
    const sent = performance.now();
    const response = await fetch(options.botUrls[turns++ % options.botUrls.length], {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(turnTimeoutMs),
    });
    await response.arrayBuffer();
    latenciesMs.push(performance.now() - sent);
    if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
  }

  async function conversation(index: number): Promise<void> {
    const procedure = options.procedures[index % options.procedures.length];
    const { conversationId, userId } = benchIds(options.label, index);
    try {
      await turn(conversationId, userId, { type: 'conversationUpdate', membersAdded: [{ id: userId, name: 'Customer' }] });
      for (const text of procedure.messages) await turn(conversationId, userId, { type: 'message', text });
      const last = options.connector.lastText.get(conversationId);
      if (last !== procedure.lastReply) failures.push(`${conversationId}: last reply ${JSON.stringify(last)}`);
    } catch (error) {
      failures.push(`${conversationId}: ${(error as Error).message}`);
    }
    options.connector.lastText.delete(conversationId);
  }

  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (next < options.conversations) {
        if (performance.now() - started > options.maxMs) {
          failures.push(`stopped after ${options.maxMs} ms with ${options.conversations - next} conversations not run`);
          next = options.conversations;
          return;
        }
        await conversation(next++);
      }
    }),
  );
  return { turns: latenciesMs.length, elapsedMs: performance.now() - started, latenciesMs, failures };
}
