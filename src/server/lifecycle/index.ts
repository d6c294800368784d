export { drainServer, type DrainResult } from './drain';
export { mountReadiness, Readiness, type Phase } from './readiness';
export { TurnsInFlight } from './turnsInFlight';
