import { ConversationStore } from '../../src/server/directline/conversationStore';
import { TokenRegistry } from '../../src/server/directline/tokenRegistry';

describe('ConversationStore bounds', () => {
  let clock = 1_000_000;
  const now = () => clock;
  const evicted: Array<[string, string]> = [];
  const make = (overrides: Partial<ConstructorParameters<typeof ConversationStore>[0]> = {}) =>
    new ConversationStore({ maxConversations: 3, maxActivitiesPerConversation: 5, idleTimeoutMs: 60_000, now, onEvict: (id, why) => evicted.push([id, why]), ...overrides });

  beforeEach(() => {
    clock = 1_000_000;
    evicted.length = 0;
  });

  it('keeps at most N activities per conversation while the watermark keeps rising', () => {
    const store = make();
    const c = store.create({ id: 'dl_u' });
    for (let i = 1; i <= 8; i++) store.append(c, { type: 'message', text: `m${i}` });
    const all = store.since(c, undefined);
    expect(all.activities.map((a) => a.text)).toEqual(['m4', 'm5', 'm6', 'm7', 'm8']);
    expect(all.watermark).toBe('8');
    expect(store.since(c, 6).activities.map((a) => a.text)).toEqual(['m7', 'm8']);
    expect(store.since(c, 8)).toEqual({ activities: [], watermark: '8' });
    // A client ahead of a trimmed list keeps its watermark.
    expect(store.since(c, 50).watermark).toBe('50');
  });

  it('evicts the least recently used conversation at capacity', () => {
    const store = make();
    const a = store.create({ id: 'a' });
    const b = store.create({ id: 'b' });
    store.create({ id: 'c' });
    store.touch(a); // b is now the least recently used
    store.create({ id: 'd' });
    expect(store.size).toBe(3);
    expect(store.get(b.id)).toBeUndefined();
    expect(store.get(a.id)).toBeDefined();
    expect(evicted).toEqual([[b.id, 'capacity']]);
  });

  it('expires idle conversations', () => {
    const store = make();
    const old = store.create({ id: 'old' });
    clock += 50_000;
    const fresh = store.create({ id: 'fresh' });
    clock += 20_000;
    expect(store.sweep()).toBe(1);
    expect(store.get(old.id)).toBeUndefined();
    expect(store.get(fresh.id)).toBeDefined();
    expect(evicted).toEqual([[old.id, 'idle']]);
  });
});

describe('TokenRegistry', () => {
  it('issues opaque random tokens that expire and can be revoked', () => {
    let clock = 0;
    const tokens = new TokenRegistry({ ttlSeconds: 60, now: () => clock, maxTokensPerConversation: 2 });
    const t1 = tokens.issue('c1');
    expect(t1.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(tokens.verify(t1.token)?.conversationId).toBe('c1');
    expect(tokens.verify('nope')).toBeUndefined();
    expect(tokens.verify(undefined)).toBeUndefined();
    tokens.issue('c1');
    tokens.issue('c1'); // third: the oldest is revoked
    expect(tokens.verify(t1.token)).toBeUndefined();
    const t4 = tokens.issue('c2');
    clock = 60_000;
    expect(tokens.verify(t4.token)).toBeUndefined();
    const t5 = tokens.issue('c3');
    tokens.revokeConversation('c3');
    expect(tokens.verify(t5.token)).toBeUndefined();
  });
});
