/** The wording botbuilder's MemoryStorage and BlobsStorage use, so every backend's conflict looks the same. */
export function eTagConflictError(key: string): Error {
  return new Error(`Storage: error writing "${key}" due to eTag conflict.`);
}

/** The store could not be read or written (down, unreachable, timed out): not a conflict, not a bug in the turn. */
export class StorageUnavailableError extends Error {
  constructor(operation: string, cause: unknown) {
    super(`Storage ${operation} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'StorageUnavailableError';
  }
}

/** The error and what it wraps: dialogs wrap errors in DialogContextError (`error`), others use `cause`. */
function* chain(error: unknown): Generator<unknown> {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && !seen.has(current)) {
    seen.add(current);
    yield current;
    const wrapper = current as { error?: unknown; cause?: unknown };
    current = wrapper.error ?? wrapper.cause;
  }
}

export function isETagConflict(error: unknown): boolean {
  for (const link of chain(error)) {
    if (link instanceof StorageUnavailableError) return false;
    if (link instanceof Error && /due to eTag conflict/.test(link.message)) return true;
  }
  return false;
}

export function isStorageUnavailable(error: unknown): boolean {
  for (const link of chain(error)) if (link instanceof StorageUnavailableError) return true;
  return false;
}

/** Runs a store operation; anything but an eTag conflict becomes a StorageUnavailableError. */
export async function storageCall<T>(operation: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isETagConflict(error) || error instanceof StorageUnavailableError) throw error;
    throw new StorageUnavailableError(operation, error);
  }
}
