import type { DurableStorage } from '../../src/storage/guardedWrite';

/** Guarded writes, as every store the bot uses must do them. `getStorage` is called inside each test. */
export function describeGuardedWriteContract(name: string, getStorage: () => DurableStorage): void {
  describe(`${name} guarded writes`, () => {
    let storage: DurableStorage;
    let keyCounter = 0;
    const newKey = (label: string) => `webchat/conversations/${name}-guarded-${label}-${++keyCounter}`;
    const conflict = (key: string) => `Storage: error writing "${key}" due to eTag conflict.`;

    beforeEach(() => {
      storage = getStorage();
    });

    it('creates an item only while nothing is stored under its key', async () => {
      const key = newKey('create');
      await storage.writeGuarded([{ key, item: { step: 1 }, condition: { kind: 'absent' } }]);
      expect(await storage.read([key])).toEqual({ [key]: { step: 1, eTag: expect.any(String) } });

      await expect(storage.writeGuarded([{ key, item: { step: 2 }, condition: { kind: 'absent' } }])).rejects.toThrow(conflict(key));
      expect((await storage.read([key]))[key].step).toBe(1);
    });

    it('replaces an item only over the eTag it was read with', async () => {
      const key = newKey('replace');
      await storage.writeGuarded([{ key, item: { step: 1 }, condition: { kind: 'absent' } }]);
      const first = (await storage.read([key]))[key].eTag;

      await storage.writeGuarded([{ key, item: { step: 2 }, condition: { kind: 'eTag', eTag: first } }]);
      await expect(storage.writeGuarded([{ key, item: { step: 99 }, condition: { kind: 'eTag', eTag: first } }])).rejects.toThrow(conflict(key));

      const stored = (await storage.read([key]))[key];
      expect(stored.step).toBe(2);
      expect(stored.eTag).not.toBe(first);
    });

    it('treats an eTag write to an item deleted since it was read as a conflict', async () => {
      const key = newKey('deleted');
      await storage.writeGuarded([{ key, item: { step: 1 }, condition: { kind: 'absent' } }]);
      const eTag = (await storage.read([key]))[key].eTag;
      await storage.delete([key]);

      await expect(storage.writeGuarded([{ key, item: { step: 2 }, condition: { kind: 'eTag', eTag } }])).rejects.toThrow(conflict(key));
      expect(await storage.read([key])).toEqual({});
    });

    it("overwrites with condition 'any', whether or not the item exists", async () => {
      const key = newKey('any');
      await storage.writeGuarded([{ key, item: { step: 1 }, condition: { kind: 'any' } }]);
      await storage.writeGuarded([{ key, item: { step: 2 }, condition: { kind: 'any' } }]);
      expect((await storage.read([key]))[key].step).toBe(2);
    });

    it('writes nothing after the first write of a batch conflicts', async () => {
      const decisive = newKey('decisive');
      const follower = newKey('follower');
      await storage.writeGuarded([{ key: decisive, item: { step: 1 }, condition: { kind: 'absent' } }]);

      await expect(
        storage.writeGuarded([
          { key: decisive, item: { step: 2 }, condition: { kind: 'absent' } },
          { key: follower, item: { place: 'step 2' }, condition: { kind: 'any' } },
        ]),
      ).rejects.toThrow(conflict(decisive));
      expect(await storage.read([follower])).toEqual({});
    });

    it('stores text outside ASCII unchanged', async () => {
      const key = newKey('unicode');
      const item = { text: 'Grüße, café ✓ 日本' };
      await storage.writeGuarded([{ key, item, condition: { kind: 'absent' } }]);
      expect((await storage.read([key]))[key].text).toBe(item.text);
    });

    it('lists the keys under a prefix, in ascending order, and nothing outside it', async () => {
      const prefix = `stepwise/${name}-list-${++keyCounter}/`;
      const keys = [`${prefix}2026-12-01T15:00:01.000Z/b`, `${prefix}2026-12-01T15:00:00.000Z/z`, `${prefix}2026-12-01T15:00:01.000Z/a/webchat%2Fconversations%2Fc`];
      for (const key of keys) await storage.writeGuarded([{ key, item: { n: 1 }, condition: { kind: 'absent' } }]);
      // Neighbours: the prefix without its slash, a longer name, a key that sorts right after the prefix.
      for (const key of [prefix.slice(0, -1), `${prefix.slice(0, -1)}x/a`, `${prefix.slice(0, -1)}0`]) {
        await storage.writeGuarded([{ key, item: { n: 2 }, condition: { kind: 'any' } }]);
      }
      expect(await storage.list(prefix)).toEqual([keys[1], keys[2], keys[0]]);

      await storage.delete([keys[1]]);
      expect(await storage.list(prefix)).toEqual([keys[2], keys[0]]);
      expect(await storage.list(`stepwise/${name}-nothing-here/`)).toEqual([]);
    });
  });
}
