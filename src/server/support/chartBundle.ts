import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Chart.js's UMD build (window.Chart) from node_modules: no CDN. The package's `exports` map hides dist/ and
 * package.json, so they are found next to its resolved entry (dist/chart.cjs).
 */
export function readChartBundle(): { script: string; version: string } {
  const dist = path.dirname(require.resolve('chart.js'));
  const version = (JSON.parse(readFileSync(path.join(dist, '..', 'package.json'), 'utf8')) as { version: string }).version;
  return { script: readFileSync(path.join(dist, 'chart.umd.min.js'), 'utf8'), version };
}
