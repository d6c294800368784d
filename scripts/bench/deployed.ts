import path from 'node:path';

const distDir = path.resolve(__dirname, '../../dist');

/**
 * A module of the compiled build (dist/, made by `npm run build`, which `npm run bench` runs first), typed
 * as its source. The targets load the bots from there because that is what `npm start` runs: the same
 * JavaScript tsc emits, with no TypeScript loader in the process, so the figures are the deployed code's.
 */
export function deployed<Module>(modulePath: string): Module {
  return require(path.join(distDir, modulePath)) as Module;
}
