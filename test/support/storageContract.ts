import type { Storage } from 'botbuilder';

/**
 * The behaviour every Storage kind must share. `getStorage` is called inside each test,
 * after the caller's beforeAll/beforeEach have run.
 */
export function describeStorageContract(name: string, getStorage: () => Storage): void {
  describe(`${name} storage contract`, () => {
    let storage: Storage;
    let keyCounter = 0;
    // Unique keys per test keep shared backends (one Azurite container) independent.
    const newKey = (label: string) => `webchat/conversations/${name}-${label}-${++keyCounter}`;

    beforeEach(() => {
      storage = getStorage();
    });

    it('reads back what was written, with an eTag added', async () => {
      const key = newKey('roundtrip');
      await storage.write({ [key]: { step: 3, client: 'outlook-express', nested: { done: [1, 2] } } });

      const items = await storage.read([key]);

      expect(items).toEqual({
        [key]: { step: 3, client: 'outlook-express', nested: { done: [1, 2] }, eTag: expect.any(String) },
      });
      expect(items[key].eTag).not.toBe('');
      expect(items[key].eTag).not.toBe('*');
    });

    it('leaves missing keys out of a read', async () => {
      const present = newKey('present');
      const missing = newKey('missing');
      await storage.write({ [present]: { value: 'here' } });

      expect(await storage.read([missing])).toEqual({});
      const items = await storage.read([present, missing]);
      expect(Object.keys(items)).toEqual([present]);
      expect(await storage.read([])).toEqual({});
    });

    it('deletes items and ignores keys that do not exist', async () => {
      const doomed = newKey('doomed');
      const kept = newKey('kept');
      await storage.write({ [doomed]: { value: 1 }, [kept]: { value: 2 } });

      await storage.delete([doomed, newKey('never-written')]);

      const items = await storage.read([doomed, kept]);
      expect(Object.keys(items)).toEqual([kept]);
      expect(items[kept].value).toBe(2);
    });

    it('rejects a write carrying a stale eTag and keeps the stored item', async () => {
      const key = newKey('conflict');
      await storage.write({ [key]: { step: 1 } });
      const stale = (await storage.read([key]))[key].eTag;
      await storage.write({ [key]: { step: 2, eTag: stale } });

      await expect(storage.write({ [key]: { step: 99, eTag: stale } })).rejects.toThrow(
        `Storage: error writing "${key}" due to eTag conflict.`,
      );
      expect((await storage.read([key]))[key].step).toBe(2);
    });

    it("overwrites with eTag '*' or without an eTag", async () => {
      const key = newKey('overwrite');
      await storage.write({ [key]: { step: 1 } });
      await storage.write({ [key]: { step: 2 } });
      const afterOne = await storage.read([key]);
      expect(afterOne[key].step).toBe(2);

      await storage.write({ [key]: { step: 3, eTag: '*' } });

      const afterTwo = await storage.read([key]);
      expect(afterTwo).toEqual({ [key]: { step: 3, eTag: expect.any(String) } });
      expect(afterTwo[key].eTag).not.toBe('*');
      expect(afterTwo[key].eTag).not.toBe(afterOne[key].eTag);
    });

    it('returns a new eTag after each write, which the next write can use', async () => {
      const key = newKey('etag');
      const original = { step: 1 };
      await storage.write({ [key]: original });
      const first = (await storage.read([key]))[key].eTag;

      await storage.write({ [key]: { step: 2, eTag: first } });
      const second = (await storage.read([key]))[key].eTag;
      expect(second).not.toBe(first);

      await storage.write({ [key]: { step: 3, eTag: second } });
      expect((await storage.read([key]))[key].step).toBe(3);
      // The caller's object is not mutated: the new eTag only comes back through read.
      expect(original).toEqual({ step: 1 });
    });
  });
}
