import { z } from 'zod';

/**
 * What the local Direct Line accepts. From the client: a whitelist of activity fields (the
 * server sets ids, addresses and channel fields itself). From the bot: any activity with a type.
 */
const account = z.object({
  id: z.string().max(256).optional(),
  name: z.string().max(256).optional(),
});

const jsonObject = z.record(z.string(), z.unknown());

export const clientActivitySchema = z.object({
  type: z.string().min(1).max(64),
  text: z.string().max(10_000).optional(),
  textFormat: z.string().max(32).optional(),
  locale: z.string().max(35).optional(),
  localTimestamp: z.string().max(64).optional(),
  localTimezone: z.string().max(64).optional(),
  attachments: z.array(jsonObject).max(10).optional(),
  entities: z.array(jsonObject).max(20).optional(),
  channelData: jsonObject.optional(),
  value: z.unknown().optional(),
  name: z.string().max(256).optional(),
  from: account.optional(),
});

export type ClientActivity = z.infer<typeof clientActivitySchema>;

export const botActivitySchema = z.looseObject({
  type: z.string().min(1).max(64),
});

export type BotActivity = z.infer<typeof botActivitySchema>;

/** Optional body of POST /conversations and POST /tokens/generate. */
export const startBodySchema = z
  .object({
    user: z
      .object({
        id: z.string().min(1).max(64).regex(/^[A-Za-z0-9_\-.:@]+$/).optional(),
        name: z.string().max(128).optional(),
      })
      .optional(),
    locale: z.string().max(35).optional(),
  })
  .optional();

export type StartBody = z.infer<typeof startBodySchema>;

/** `?watermark=` is empty, absent, or a non-negative integer. */
export function parseWatermark(raw: unknown): { ok: true; value: number | undefined } | { ok: false } {
  if (raw === undefined || raw === null || raw === '') return { ok: true, value: undefined };
  if (typeof raw !== 'string' || !/^\d{1,15}$/.test(raw)) return { ok: false };
  return { ok: true, value: Number(raw) };
}
