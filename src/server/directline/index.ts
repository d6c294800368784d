export { mountLocalDirectLine, DEFAULT_CONNECTOR_PATH, DEFAULT_DIRECT_LINE_PATH } from './mountLocalDirectLine';
export type { LocalDirectLine, LocalDirectLineOptions } from './mountLocalDirectLine';
export { CHANNEL_ID } from './directLineService';
