/*
 * The parts of botbuilder-dialogs the conversation uses, taken from their own modules: the package's
 * index also loads every prompt and the Recognizers-Text tables behind them (about 17 MB of heap that
 * Stepwise never uses, and that every garbage collection then walks). botbuilder-dialogs is archived
 * at 4.23, so these paths do not move.
 */
export { Dialog, DialogTurnStatus } from 'botbuilder-dialogs/lib/dialog';
export type { DialogTurnResult } from 'botbuilder-dialogs/lib/dialog';
export { DialogSet } from 'botbuilder-dialogs/lib/dialogSet';
export { WaterfallDialog } from 'botbuilder-dialogs/lib/waterfallDialog';
export type { DialogContext, DialogState } from 'botbuilder-dialogs/lib/dialogContext';
export type { WaterfallStepContext } from 'botbuilder-dialogs/lib/waterfallStepContext';
export type { DialogStateManagerConfiguration } from 'botbuilder-dialogs/lib/memory/dialogStateManager';
