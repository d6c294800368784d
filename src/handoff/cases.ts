import type { ConversationReference, Storage } from 'botbuilder';
import { randomInt, randomUUID } from 'node:crypto';
import type { HandoffReason } from '../content/schema';
import { OpenPointers } from './openPointers';
import { SharedDocument } from './sharedDocument';
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
}

interface CaseDocument {
  cases: HandoffCase[];
}

/** Closed cases are kept this long for late status events and the desk's history, then dropped. */
const closedRetentionMs = 7 * 24 * 3600 * 1000;
const maxClosedCases = 500;

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

/** Waiting desk cases, oldest first: the order technicians take them in. */
export function deskQueue(cases: HandoffCase[]): HandoffCase[] {
  return cases.filter((c) => c.status === 'queued' && c.onDesk).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** 1-based place in the desk queue, or undefined when the case is not waiting there. */
export function queuePosition(cases: HandoffCase[], caseId: string): number | undefined {
  const index = deskQueue(cases).findIndex((c) => c.id === caseId);
  return index >= 0 ? index + 1 : undefined;
}

function openCustomers(cases: HandoffCase[]): Set<string> {
  return new Set(cases.filter(isOpen).map((c) => c.customerKey));
}

/** A pointer read after this long is rewritten, so the retention sweep never takes one while its case is open. */
const pointerRefreshMs = 3600 * 1000;

/**
 * All handoff cases, in one document of the bot's Storage (so they survive a restart with durable storage),
 * plus a small pointer per customer with an open case (OpenPointers): a pointer is written before its case
 * opens and deleted after the case closes, so a customer without one has no open case, and their turns
 * never read the cases document. A pointer may outlive its case (then it is deleted when next read).
 */
export class CaseStore {
  private readonly document: SharedDocument<CaseDocument>;
  private readonly pointers: OpenPointers;
  private pointed?: Promise<void>;

  constructor(
    storage: Storage,
    private readonly now: () => Date,
  ) {
    this.document = new SharedDocument(storage, 'stepwise/handoff/cases', () => ({ cases: [] }));
    this.pointers = new OpenPointers(storage, now);
  }

  async all(): Promise<HandoffCase[]> {
    return (await this.document.read()).cases;
  }

  /** Counts this process's pointer writes (see HandoffInterceptor.openCaseAfterTurn). */
  get pointerWrites(): number {
    return this.pointers.writes;
  }

  async openFor(customerKey: string): Promise<HandoffCase | undefined> {
    await this.pointAtOpenCases();
    const pointer = await this.pointers.get(customerKey);
    if (!pointer) return undefined;
    const item = (await this.all()).find((c) => c.customerKey === customerKey && isOpen(c));
    if (!item || this.now().getTime() - Date.parse(pointer.writtenAt) > pointerRefreshMs) await this.repairPointer(customerKey);
    return item;
  }

  /** Edits the cases under a lock; `change` may add, edit or close cases and returns a result. */
  update<R>(change: (cases: HandoffCase[]) => R | Promise<R>): Promise<R> {
    return this.edit(change, []);
  }

  /** Deletes every case of these customers ("forget me"), open or closed, and their pointers even if stale. */
  async removeFor(...customerKeys: string[]): Promise<void> {
    const forgotten = new Set(customerKeys);
    await this.edit((cases) => {
      for (let i = cases.length - 1; i >= 0; i--) if (forgotten.has(cases[i].customerKey)) cases.splice(i, 1);
    }, customerKeys);
  }

  /** Changes one case (by id) and stamps updatedAt; returns the changed case, or undefined if it is gone. */
  async change(caseId: string, edit: (item: HandoffCase, cases: HandoffCase[]) => void): Promise<HandoffCase | undefined> {
    return this.update((cases) => {
      const item = cases.find((c) => c.id === caseId);
      if (!item) return undefined;
      edit(item, cases);
      item.updatedAt = this.now().toISOString();
      return { ...item };
    });
  }

  /** `unpoint`: customers whose pointer goes after the write unless they have an open case then. */
  private edit<R>(change: (cases: HandoffCase[]) => R | Promise<R>, unpoint: string[]): Promise<R> {
    let closed: string[] = [];
    return this.document.update(
      async (document) => {
        const before = openCustomers(document.cases);
        const result = await change(document.cases);
        const cutoff = this.now().getTime() - closedRetentionMs;
        const keepClosed = new Set(
          document.cases
            .filter((c) => !isOpen(c) && new Date(c.updatedAt).getTime() >= cutoff)
            .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
            .slice(0, maxClosedCases)
            .map((c) => c.id),
        );
        document.cases = document.cases.filter((c) => isOpen(c) || keepClosed.has(c.id));
        const after = openCustomers(document.cases);
        closed = [...before, ...unpoint].filter((key) => !after.has(key));
        await this.pointers.set([...after].filter((key) => !before.has(key)));
        return result;
      },
      // Still under the lock: a case opened by the next update cannot lose its new pointer to this delete.
      () => this.pointers.remove(closed),
    );
  }

  /** Makes the customer's pointer match the document: rewritten while a case is open, deleted otherwise. */
  private repairPointer(customerKey: string): Promise<void> {
    return this.document.inspect(async (document) => {
      if (openCustomers(document.cases).has(customerKey)) await this.pointers.set([customerKey]);
      else await this.pointers.remove([customerKey]);
    });
  }

  /** Once per process, before the first look-up: pointers for open cases stored by a version without them. */
  private pointAtOpenCases(): Promise<void> {
    this.pointed ??= this.document
      .inspect((document) => this.pointers.set([...openCustomers(document.cases)]))
      .catch((error: unknown) => {
        this.pointed = undefined;
        throw error;
      });
    return this.pointed;
  }
}
