import type { Activity } from 'botbuilder';

const keypadKey = /^[0-9*#]$/;
/** Fields a DTMF entity may carry the key in; phone bridges differ. */
const entityKeyFields = ['tone', 'digit', 'digits', 'key', 'value', 'text'] as const;

function keyFromEntity(entity: Record<string, unknown>): string | undefined {
  for (const field of entityKeyFields) {
    const value = entity[field];
    if (typeof value === 'string' && keypadKey.test(value.trim())) return value.trim();
  }
  return undefined;
}

/**
 * The phone key a caller pressed, if this message is a key press: a DTMF entity, or a message whose
 * whole text is one keypad key (the telephony channel sends one key per message).
 */
export function keypadPress(activity: Partial<Activity>): string | undefined {
  for (const entity of activity.entities ?? []) {
    if (typeof entity.type === 'string' && entity.type.toLowerCase() === 'dtmf') {
      const key = keyFromEntity(entity as Record<string, unknown>);
      if (key) return key;
    }
  }
  const text = typeof activity.text === 'string' ? activity.text.trim() : '';
  return keypadKey.test(text) ? text : undefined;
}
