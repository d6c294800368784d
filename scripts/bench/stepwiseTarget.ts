// A benchmark target, run in its own process: the real Stepwise app (composition root, config from
// the environment: STORAGE, SQLITE_PATH, BLOB_*), reporting its peak memory and store size on request.
import { deployed } from './deployed';

// The bot runs as `npm start` runs it: the compiled build in dist/ (see deployed.ts).
const { createApp } = deployed<typeof import('../../src/app')>('app');
const { loadConfig } = deployed<typeof import('../../src/config/config')>('config/config');
const { createLogger } = deployed<typeof import('../../src/logging/logger')>('logging/logger');
import type { FromTarget, ToTarget } from './targetProtocol';

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1' });
  const app = createApp(config, { logger: createLogger(config.logLevel) });
  const base = await app.listen();
  const send = (message: FromTarget) => process.send!(message);

  process.on('message', async (message: ToTarget) => {
    if (message.type === 'stop') {
      await app.close();
      process.exit(0);
    }
    const items = await app.storage.storage.read(message.keys);
    let keyBytes = 0;
    let transcriptBytes = 0;
    for (const [key, { eTag: _eTag, transcript, ...document }] of Object.entries(items)) {
      keyBytes += Buffer.byteLength(key) + Buffer.byteLength(JSON.stringify(document));
      if (transcript !== undefined) transcriptBytes += Buffer.byteLength(JSON.stringify({ transcript })) - 2;
    }
    send({ type: 'stats', peakRssBytes: process.resourceUsage().maxRSS * 1024, cpuMs: cpuMs(), usage: await app.storage.usage?.(), keyBytes, transcriptBytes });
  });
  send({ type: 'ready', botUrl: `${base}/api/messages` });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
