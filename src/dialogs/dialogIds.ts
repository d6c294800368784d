export const DialogIds = {
  flow: 'stepwise.flow',
  clientChoice: 'stepwise.clientChoice',
  returning: 'stepwise.returning',
  guidedSteps: 'stepwise.guidedSteps',
  verification: 'stepwise.verification',
  handoff: 'stepwise.handoff',
} as const;
