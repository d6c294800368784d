import type { HandoffReason } from '../content/schema';

/** What a phase dialog hands back to the flow when it ends. */
export type FlowOutcome =
  | { next: 'steps'; clientId: string }
  | { next: 'verify' }
  | { next: 'handoff'; reason: HandoffReason; detail?: string; clientName?: string }
  | { next: 'resume' }
  | { next: 'done' };
