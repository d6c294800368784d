import type { ConversationReference, TurnContext } from 'botbuilder';
import { randomInt, randomUUID } from 'node:crypto';
import type { HandoffReason } from '../content/schema';
import type { DurableStorage, WriteCondition } from '../storage/guardedWrite';
import { eTagConflictError, isETagConflict } from '../storage/storageErrors';
import { OpenPointer, OpenPointers } from './openPointers';
import type { HandoffSummary } from './summary';

export type CaseStatus = 'queued' | 'active' | 'closed';

/** How a case ended. */
export type CaseOutcome =
  | 'ended' // the technician said end
  | 'resumed' // the technician sent the customer back to a step
  | 'customerEnded' // the customer ended the chat with the technician
  | 'cancelled' // the customer cancelled while waiting ("cancel", "never mind"), or went back to the steps from a contact-centre-only request
  | 'completed' // handoff.status completed from the contact centre
  | 'failed' // handoff.status failed, and nobody else has the case
  | 'resolved' // the customer fixed it on their own while waiting ("it's working now"), or finished the steps
  | 'afterHours' // outside business hours: a reference (and a ticket), no wait
  | 'ticketed' // only the ticket system has it (no live destination)
  | 'unreached'; // every live destination failed

export interface TechnicianSession {
  id: string;
  name: string;
  /** Where the technician took the case: their messages come from here and the customer's go here. */
  conversation: Partial<ConversationReference>;
}

/** One request for a technician, from the handoff until it closes. Everything in it is already redacted. */
export interface HandoffCase {
  id: string;
  /** What the customer and the technician quote: SW-XXXXXX. */
  reference: string;
  /** The customer's state key (CustomerState.storageKey). */
  customerKey: string;
  customer: Partial<ConversationReference>;
  reason: HandoffReason;
  detail?: string;
  status: CaseStatus;
  outcome?: CaseOutcome;
  createdAt: string;
  updatedAt: string;
  summary: HandoffSummary;
  /** The ticket system's reference, when the webhook returned one. */
  ticket?: string;
  /** The webhook filed a ticket for the case and has not yet been told that the customer no longer needs it. */
  ticketOpen?: boolean;
  /** The customer has had the full waiting message once; later messages while waiting get the short one. */
  waitingExplained?: boolean;
  /** Posted to the technician desk; deskCardId is the card to update. */
  onDesk: boolean;
  deskCardId?: string;
  /** What the desk card last showed (status, queue position, version), to skip needless updates. */
  deskCardShows?: string;
  /** Sent as a handoff.initiate event; a contact centre answers with handoff.status. */
  viaProtocol: boolean;
  /** Who has the case while active: a desk technician, or the contact centre (protocol). */
  activeVia?: 'desk' | 'protocol';
  technician?: TechnicianSession;
  /** Asked for outside business hours: a technician calls the customer back at this number (E.164). */
  callback?: { number: string; requestedAt: string };
}

/** What a case is found by: its customer's key (where it is stored) and its id (that it is still this case). */
export type CaseRef = Pick<HandoffCase, 'id' | 'customerKey'>;

/** Closed cases are kept this long for late status events and the desk, then count as gone (and the retention sweep deletes them). */
export const closedRetentionMs = 7 * 24 * 3600 * 1000;

// No 0/O or 1/I: references are read out on the phone.
const referenceAlphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

export function newReference(): string {
  let code = '';
  for (let i = 0; i < 6; i++) code += referenceAlphabet[randomInt(referenceAlphabet.length)];
  return `SW-${code}`;
}

export const referencePattern = /\bSW-[2-9A-HJ-NP-Z]{6}\b/i;

export function newCaseId(): string {
  return randomUUID();
}

export function isOpen(item: HandoffCase): boolean {
  return item.status !== 'closed';
}

/** The one document all cases were kept in before cases became records; converted once (see CaseStore.migrated). */
export const legacyCasesKey = 'stepwise/handoff/cases';

/**
 * The desk's lists are keys, not documents: a marker per open desk case, named so that listing a prefix gives
 * the cases in queue order (created time, then id) with what is needed to find each record. A queued case has a
 * queue marker, a case a technician (or the contact centre) has taken an active marker; closed cases have none,
 * so the lists never grow with history.
 */
export const queueMarkerPrefix = 'stepwise/handoff/queue/';
export const activeMarkerPrefix = 'stepwise/handoff/active/';

export interface CaseMarker extends CaseRef {
  key: string;
  createdAt: string;
  reference: string;
}

type MarkerPrefix = typeof queueMarkerPrefix | typeof activeMarkerPrefix;

function markerKey(prefix: MarkerPrefix, item: HandoffCase): string {
  // The customer key is encoded: it may contain slashes, which blob names must not double.
  return `${prefix}${item.createdAt}/${item.id}/${item.reference}/${encodeURIComponent(item.customerKey)}`;
}

function parseMarker(prefix: MarkerPrefix, key: string): CaseMarker | undefined {
  const parts = key.slice(prefix.length).split('/');
  if (parts.length !== 4) return undefined;
  const [createdAt, id, reference, customerKey] = parts;
  try {
    return { key, createdAt, id, reference, customerKey: decodeURIComponent(customerKey) };
  } catch {
    return undefined;
  }
}

/** The marker a case has in its state: queued on the desk, taken (on the desk), or none. */
function markerOf(item: HandoffCase): string | undefined {
  if (!item.onDesk) return undefined;
  if (item.status === 'queued') return markerKey(queueMarkerPrefix, item);
  if (item.status === 'active') return markerKey(activeMarkerPrefix, item);
  return undefined;
}

/** A record as stored: the case (absent in a pointer written by a version before cases were records) and its eTag. */
interface StoredCase {
  item?: HandoffCase;
  eTag: string;
  writtenAt?: string;
}

/** A pointer read more than this long after it was written is rewritten, so the retention sweep never takes one while its case is open. */
const pointerRefreshMs = 3600 * 1000;
/** A marker whose record disagrees is left alone this long: the record write it precedes may be in flight. */
const markerGraceMs = 60 * 1000;
/** Attempts of one read-modify-write before a conflict is given up on (each attempt re-reads). */
const maxChangeAttempts = 6;

const noOpenCaseKey = Symbol('stepwise.handoff.noOpenCase');
const openedCaseKey = Symbol('stepwise.handoff.openedCase');

export type TakeResult = { kind: 'ok'; item: HandoffCase } | { kind: 'taken'; item: HandoffCase } | { kind: 'none' };

/** Notes that the turn's customer had no open case when the interceptor looked (at this many case writes of the process). */
export function noteNoOpenCase(context: TurnContext, cases: Pick<CaseStore, 'pointerWrites'>): void {
  context.turnState.set(noOpenCaseKey, cases.pointerWrites);
}

/** True when the customer had no open case at the start of this turn and this process has written no new case since. */
export function knowsNoOpenCase(context: TurnContext, cases: Pick<CaseStore, 'pointerWrites'>): boolean {
  return context.turnState.get(noOpenCaseKey) === cases.pointerWrites;
}

/** The case opened in this turn, kept for the bookkeeping after it (no second read). */
export function noteOpened(context: TurnContext, item: HandoffCase): void {
  context.turnState.set(openedCaseKey, item);
}

export function openedThisTurn(context: TurnContext): HandoffCase | undefined {
  return context.turnState.get(openedCaseKey) as HandoffCase | undefined;
}

/** A turn run again after an eTag conflict looks again. */
export function forgetTurnCases(context: TurnContext): void {
  context.turnState.delete(noOpenCaseKey);
  context.turnState.delete(openedCaseKey);
}

/**
 * Handoff cases as records in the bot's Storage, one per customer: `stepwise/handoff/open/<customer key>` holds the
 * customer's latest case, written only with the eTag it was read with (a new case over a closed one, or where
 * nothing is stored yet, with `absent`). That key is also the cheap "open pointer" every customer turn reads: a
 * customer who never asked for a technician has nothing there, one whose case closed has a closed case there.
 * Closed cases stay readable for 7 days (late status events, "it's working now" after hours), then count as gone,
 * and the retention sweep deletes them; a new case replaces the customer's closed one.
 *
 * The desk's queue is the list of queue markers (see queueMarkerPrefix), ordered by created time; taking a case is a
 * conditional update of its record, so of two technicians taking one case at once, in any processes, one wins and
 * the other reads who did. Markers are written before the record change that needs them and deleted after the one
 * that ends them; a reader checks each marker against its record and drops one left behind (a crash in between).
 */
export class CaseStore {
  /** How many times this process has written a new case: unchanged over a turn, no case opened meanwhile. */
  private written = 0;
  private migration?: Promise<void>;
  /** The eTag of a closed case (or an old pointer) last seen at a customer's key: a new case is written over it at once. */
  private readonly replaceable = new Map<string, string>();
  private readonly eTags = new WeakMap<HandoffCase, string>();

  constructor(
    private readonly storage: DurableStorage,
    private readonly now: () => Date,
  ) {}

  /** Counts this process's writes of new cases (see HandoffInterceptor.openCaseAfterTurn). */
  get pointerWrites(): number {
    return this.written;
  }

  /** The customer's open case, from their pointer alone (one read). */
  async openFor(customerKey: string): Promise<HandoffCase | undefined> {
    await this.migrated();
    const stored = await this.readCase(customerKey);
    if (!stored?.item || !isOpen(stored.item)) return undefined;
    if (!stored.writtenAt || this.now().getTime() - Date.parse(stored.writtenAt) > pointerRefreshMs) await this.rewrite(stored);
    return stored.item;
  }

  /** The customer's latest case, open or closed within the last 7 days. */
  async lastFor(customerKey: string): Promise<HandoffCase | undefined> {
    await this.migrated();
    return (await this.readCase(customerKey))?.item;
  }

  /**
   * Every stored case (each customer's latest), oldest first. It lists and reads every customer's pointer, so it is
   * for diagnostics and tests only: no turn uses it.
   */
  async all(): Promise<HandoffCase[]> {
    await this.migrated();
    const keys = await this.storage.list(OpenPointers.prefix);
    const found = await Promise.all(keys.map((key) => this.readCase(key.slice(OpenPointers.prefix.length))));
    return found
      .map((stored) => stored?.item)
      .filter((item): item is HandoffCase => item !== undefined)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  /** The case as stored now, or undefined when the customer's record is another case (or none). */
  async get(ref: CaseRef): Promise<HandoffCase | undefined> {
    await this.migrated();
    const stored = await this.readCase(ref.customerKey);
    return stored?.item?.id === ref.id ? stored.item : undefined;
  }

  /**
   * Stores a new case for its customer, unless they have an open one (which is returned). A queued desk case must
   * have been put in the queue first (enqueue); when it is refused, its marker is removed again.
   */
  async open(item: HandoffCase): Promise<{ opened: true } | { opened: false; existing: HandoffCase }> {
    await this.migrated();
    const key = OpenPointers.key(item.customerKey);
    const hint = this.replaceable.get(item.customerKey);
    this.replaceable.delete(item.customerKey);
    let condition: WriteCondition = hint ? { kind: 'eTag', eTag: hint } : { kind: 'absent' };
    for (let attempt = 0; attempt < maxChangeAttempts; attempt++) {
      try {
        this.written += 1;
        await this.storage.writeGuarded([{ key, item: this.document(item), condition }]);
        return { opened: true };
      } catch (error) {
        if (!isETagConflict(error)) throw error;
      }
      const current = await this.readCase(item.customerKey);
      if (current?.item && isOpen(current.item)) {
        await this.dequeue(item);
        return { opened: false, existing: current.item };
      }
      condition = current ? { kind: 'eTag', eTag: current.eTag } : { kind: 'absent' };
    }
    throw eTagConflictError(key);
  }

  /** Puts a new desk case in the queue (before it is stored); resolves with its place: 1-based, oldest first. */
  async enqueue(item: HandoffCase): Promise<number> {
    const marker = markerKey(queueMarkerPrefix, item);
    await this.storage.writeGuarded([{ key: marker, item: this.markerDocument(), condition: { kind: 'any' } }]);
    const keys = await this.storage.list(queueMarkerPrefix);
    return keys.indexOf(marker) + 1 || keys.length;
  }

  /** Takes a case that was never stored (or is being refused) out of the queue. */
  async dequeue(item: HandoffCase): Promise<void> {
    if (item.onDesk && item.status === 'queued') await this.storage.delete([markerKey(queueMarkerPrefix, item)]);
  }

  /** 1-based place of a queued desk case, from the queue's keys alone; undefined when it is not waiting there. */
  async queuePosition(item: HandoffCase): Promise<number | undefined> {
    if (item.status !== 'queued' || !item.onDesk) return undefined;
    const index = (await this.storage.list(queueMarkerPrefix)).indexOf(markerKey(queueMarkerPrefix, item));
    return index >= 0 ? index + 1 : undefined;
  }

  /**
   * Changes one case: reads it, lets `edit` change it (returning false leaves it unchanged), stamps updatedAt
   * (unless `stamp` is false) and writes it over the eTag it was read with; on a conflict, all again from the
   * read. Resolves with the case as written, or undefined when the customer's record is no longer this case.
   */
  async change(ref: CaseRef, edit: (item: HandoffCase) => void | boolean, options: { stamp?: boolean } = {}): Promise<HandoffCase | undefined> {
    await this.migrated();
    for (let attempt = 0; attempt < maxChangeAttempts; attempt++) {
      const stored = await this.readCase(ref.customerKey);
      if (!stored?.item || stored.item.id !== ref.id) return undefined;
      const written = await this.tryWrite(stored as Required<Pick<StoredCase, 'item' | 'eTag'>>, edit, options.stamp ?? true);
      if (written) return written;
    }
    throw eTagConflictError(OpenPointers.key(ref.customerKey));
  }

  /** Records what a desk card shows, over the version the card was drawn from; false when the case changed since. */
  async recordShown(item: HandoffCase, shows: string): Promise<boolean> {
    const eTag = this.eTags.get(item);
    if (!eTag) return !!(await this.change(item, (c) => void (c.deskCardShows = shows), { stamp: false }));
    return !!(await this.tryWrite({ item, eTag }, (c) => void (c.deskCardShows = shows), false));
  }

  /** The desk queue: queued desk cases, oldest first (created time, then id). */
  async queue(): Promise<HandoffCase[]> {
    return this.marked(queueMarkerPrefix);
  }

  /** Open desk cases that someone has taken: a desk technician, or the contact centre. */
  async taken(): Promise<HandoffCase[]> {
    return this.marked(activeMarkerPrefix);
  }

  /**
   * A technician takes a case: the oldest waiting one ('next'), or the one with this reference. The record is
   * changed only over the version read, so when two take one case at once exactly one gets it; the other is
   * told who has it ('taken'), or, for "take next", gets the following case.
   */
  async take(which: 'next' | { reference: string }, technician: TechnicianSession): Promise<TakeResult> {
    await this.migrated();
    const queued = await this.markers(queueMarkerPrefix);
    const candidates = which === 'next' ? queued : queued.filter((m) => m.reference.toUpperCase() === which.reference);
    for (const marker of candidates) {
      let holder: HandoffCase | undefined;
      const item = await this.change(marker, (c) => {
        holder = undefined;
        if (c.status !== 'queued' || !c.onDesk) {
          holder = c;
          return false;
        }
        c.status = 'active';
        c.activeVia = 'desk';
        c.technician = technician;
      });
      if (!item) {
        await this.dropStale(marker, undefined);
        continue;
      }
      if (!holder) return { kind: 'ok', item };
      await this.dropStale(marker, holder);
      if (which !== 'next' && holder.status === 'active') return { kind: 'taken', item: holder };
    }
    if (which === 'next') return { kind: 'none' };
    const holder = (await this.taken()).find((c) => c.reference.toUpperCase() === which.reference);
    return holder ? { kind: 'taken', item: holder } : { kind: 'none' };
  }

  /** Deletes every case of these customers ("forget me"), open or closed, with their markers. */
  async removeFor(...customerKeys: string[]): Promise<void> {
    await this.migrated();
    for (const customerKey of customerKeys) {
      const stored = await this.readCase(customerKey);
      const item = stored?.item;
      const markers = item ? [markerKey(queueMarkerPrefix, item), markerKey(activeMarkerPrefix, item)] : [];
      await this.storage.delete([OpenPointers.key(customerKey), ...markers]);
      this.replaceable.delete(customerKey);
    }
  }

  private async tryWrite(stored: { item: HandoffCase; eTag: string }, edit: (item: HandoffCase) => void | boolean, stamp: boolean): Promise<HandoffCase | undefined> {
    const before = stored.item;
    const item = structuredClone(before);
    if (edit(item) === false) return item;
    if (stamp) item.updatedAt = this.now().toISOString();
    const from = markerOf(before);
    const to = markerOf(item);
    // The new marker first: a case is never in a state without its marker, only (briefly, or after a crash) a marker without its state.
    if (to && to !== from) await this.storage.writeGuarded([{ key: to, item: this.markerDocument(), condition: { kind: 'any' } }]);
    try {
      await this.storage.writeGuarded([
        { key: OpenPointers.key(item.customerKey), item: this.document(item), condition: { kind: 'eTag', eTag: stored.eTag } },
      ]);
    } catch (error) {
      if (isETagConflict(error)) return undefined;
      throw error;
    }
    if (from && from !== to) await this.storage.delete([from]);
    return item;
  }

  /** An open case's record (and its marker) rewritten unchanged, so that the retention sweep keeps them. */
  private async rewrite(stored: StoredCase): Promise<void> {
    const item = stored.item!;
    try {
      await this.storage.writeGuarded([{ key: OpenPointers.key(item.customerKey), item: this.document(item), condition: { kind: 'eTag', eTag: stored.eTag } }]);
      const marker = markerOf(item);
      if (marker) await this.storage.writeGuarded([{ key: marker, item: this.markerDocument(), condition: { kind: 'any' } }]);
    } catch (error) {
      // Changed meanwhile: that write was just as recent.
      if (!isETagConflict(error)) throw error;
    }
  }

  private document(item: HandoffCase): HandoffCase & OpenPointer {
    return { ...item, writtenAt: this.now().toISOString() };
  }

  private markerDocument(): OpenPointer {
    return { writtenAt: this.now().toISOString() };
  }

  /** The customer's record; a closed case past its retention, or a pointer without a case, is there only to be replaced. */
  private async readCase(customerKey: string): Promise<StoredCase | undefined> {
    const key = OpenPointers.key(customerKey);
    const raw = (await this.storage.read([key]))[key] as (Partial<HandoffCase> & { eTag?: string; writtenAt?: string }) | undefined;
    if (!raw) {
      this.replaceable.delete(customerKey);
      return undefined;
    }
    const { eTag, writtenAt, ...rest } = raw;
    const stored: StoredCase = { eTag: String(eTag), writtenAt };
    if (typeof rest.id === 'string') {
      const item = rest as HandoffCase;
      const expired = !isOpen(item) && this.now().getTime() - Date.parse(item.updatedAt) > closedRetentionMs;
      if (!expired) {
        stored.item = item;
        this.eTags.set(item, stored.eTag);
      }
    }
    if (stored.item && isOpen(stored.item)) this.replaceable.delete(customerKey);
    else this.remember(customerKey, stored.eTag);
    return stored;
  }

  private remember(customerKey: string, eTag: string): void {
    // A hint, not state: bounded, and a wrong one only costs a conflict and a read.
    if (this.replaceable.size >= 10000) this.replaceable.clear();
    this.replaceable.set(customerKey, eTag);
  }

  private async markers(prefix: MarkerPrefix): Promise<CaseMarker[]> {
    const keys = await this.storage.list(prefix);
    return keys.map((key) => parseMarker(prefix, key)).filter((m): m is CaseMarker => m !== undefined);
  }

  /** The cases whose markers are under `prefix`, in marker order, each checked against its record. */
  private async marked(prefix: MarkerPrefix): Promise<HandoffCase[]> {
    await this.migrated();
    const markers = await this.markers(prefix);
    const found = await Promise.all(
      markers.map(async (marker) => {
        const stored = await this.readCase(marker.customerKey);
        const item = stored?.item?.id === marker.id ? stored.item : undefined;
        if (item && markerOf(item) === marker.key) return item;
        await this.dropStale(marker, item);
        return undefined;
      }),
    );
    return found.filter((item): item is HandoffCase => item !== undefined);
  }

  /** Deletes a marker its record no longer matches, once that has lasted longer than a write in flight could. */
  private async dropStale(marker: CaseMarker, item: HandoffCase | undefined): Promise<void> {
    if (item && markerOf(item) === marker.key) return;
    const since = Date.parse(item?.updatedAt ?? marker.createdAt);
    if (this.now().getTime() - since < markerGraceMs) return;
    await this.storage.delete([marker.key]);
  }

  /**
   * Once per process, before the first use: the cases document of a version before records (`stepwise/handoff/cases`),
   * if any, becomes records: each customer's open case (or else their latest closed one) is written where nothing
   * newer is stored, with its marker; then the document is deleted.
   */
  private migrated(): Promise<void> {
    this.migration ??= this.migrate().catch((error: unknown) => {
      this.migration = undefined;
      throw error;
    });
    return this.migration;
  }

  private async migrate(): Promise<void> {
    const legacy = (await this.storage.read([legacyCasesKey]))[legacyCasesKey] as { cases?: HandoffCase[] } | undefined;
    if (!legacy) return;
    const latest = new Map<string, HandoffCase>();
    for (const item of legacy.cases ?? []) {
      const current = latest.get(item.customerKey);
      const better = !current || (isOpen(item) && !isOpen(current)) || (isOpen(item) === isOpen(current) && item.createdAt >= current.createdAt);
      if (better) latest.set(item.customerKey, item);
    }
    for (const item of latest.values()) {
      const key = OpenPointers.key(item.customerKey);
      const raw = (await this.storage.read([key]))[key];
      if (raw && typeof raw.id === 'string') continue; // already a record: written since
      const marker = markerOf(item);
      try {
        if (marker) await this.storage.writeGuarded([{ key: marker, item: this.markerDocument(), condition: { kind: 'any' } }]);
        const condition: WriteCondition = raw ? { kind: 'eTag', eTag: String(raw.eTag) } : { kind: 'absent' };
        await this.storage.writeGuarded([{ key, item: this.document(item), condition }]);
      } catch (error) {
        if (!isETagConflict(error)) throw error; // another process converted it first
      }
    }
    await this.storage.delete([legacyCasesKey]);
  }
}
