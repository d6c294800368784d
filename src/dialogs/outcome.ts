import type { HandoffReason } from '../content/schema';

/** What a phase dialog hands back to the flow when it ends. */
export type FlowOutcome =
  | { next: 'steps'; clientId: string }
  /** `early`: the customer said it works before the last step. */
  | { next: 'verify'; early?: boolean }
  /** Back to the program question, e.g. "actually I have Thunderbird" on a step. */
  | { next: 'choose'; program?: string }
  | { next: 'handoff'; reason: HandoffReason; detail?: string; clientName?: string }
  | { next: 'resume' }
  /** From the test email question back to the last step. */
  | { next: 'lastStep' }
  | { next: 'done' };
