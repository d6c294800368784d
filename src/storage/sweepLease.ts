/**
 * Who sweeps a shared blob container: one instance at a time, and once per interval in all. The
 * instance that gets the lease on a small marker blob sweeps, unless the marker says another one swept
 * less than `minIntervalMs` ago; the lease lapses by itself if that instance dies mid-sweep.
 */
export const SWEEP_MARKER = 'stepwise/housekeeping/retention-sweep';

const leaseSeconds = 60;
const renewEveryMs = 20_000;

interface LeaseClient {
  acquireLease(duration: number): Promise<{ leaseId?: string }>;
  renewLease(): Promise<unknown>;
  releaseLease(): Promise<unknown>;
}

/** The part of a ContainerClient the lease needs. */
export interface MarkerContainer {
  getBlockBlobClient(name: string): {
    upload(body: string, length: number, options: Record<string, unknown>): Promise<unknown>;
    downloadToBuffer(): Promise<Buffer>;
    getBlobLeaseClient(): LeaseClient;
  };
}

function statusOf(error: unknown): number | undefined {
  return (error as { statusCode?: number })?.statusCode;
}

export interface SweepTurn {
  /** Keeps the lease while a long sweep runs. */
  keepAlive(): void;
  /** Records the sweep as done (for the interval) and gives the lease up. */
  finish(): Promise<void>;
  /** Gives the lease up without recording a sweep. */
  abandon(): Promise<void>;
}

/** The sweep's turn, or undefined when another instance is sweeping or swept recently. */
export async function takeSweepTurn(container: MarkerContainer, now: () => Date, minIntervalMs: number): Promise<SweepTurn | undefined> {
  const marker = container.getBlockBlobClient(SWEEP_MARKER);
  try {
    await marker.upload('{}', 2, { conditions: { ifNoneMatch: '*' } });
  } catch (error) {
    if (statusOf(error) !== 409) throw error; // 409: it exists already
  }
  const lease = marker.getBlobLeaseClient();
  let leaseId: string | undefined;
  try {
    leaseId = (await lease.acquireLease(leaseSeconds)).leaseId;
  } catch (error) {
    if (statusOf(error) === 409) return undefined; // another instance holds it
    throw error;
  }
  const last = lastSweep(await marker.downloadToBuffer());
  if (last !== undefined && now().getTime() - last < minIntervalMs) {
    await lease.releaseLease();
    return undefined;
  }
  let renewedAt = Date.now();
  return {
    keepAlive() {
      if (Date.now() - renewedAt < renewEveryMs) return;
      renewedAt = Date.now();
      lease.renewLease().catch(() => undefined);
    },
    async finish() {
      const body = JSON.stringify({ sweptAt: now().toISOString() });
      await marker.upload(body, Buffer.byteLength(body), { conditions: { leaseId } });
      await lease.releaseLease();
    },
    async abandon() {
      await lease.releaseLease().catch(() => undefined);
    },
  };
}

function lastSweep(body: Buffer): number | undefined {
  try {
    const sweptAt = (JSON.parse(body.toString('utf8')) as { sweptAt?: unknown }).sweptAt;
    const time = typeof sweptAt === 'string' ? Date.parse(sweptAt) : NaN;
    return Number.isNaN(time) ? undefined : time;
  } catch {
    return undefined;
  }
}
