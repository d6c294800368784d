import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Azurite {
  /** The blob service's port. */
  port: number;
  queuePort: number;
  /** Both services (BlobEndpoint and QueueEndpoint). */
  connectionString: string;
  blobEndpoint: string;
  queueEndpoint: string;
  /** The blob service's process, for measuring its CPU (the bench). */
  blobPid?: number;
  stop(): Promise<void>;
}

// Azurite's fixed, publicly documented development account.
const accountName = 'devstoreaccount1';
const accountKey = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const startupTimeoutMs = 20000;
const stopTimeoutMs = 5000;

function startService(service: 'blob' | 'queue', workspace: string): ChildProcess {
  return spawn(
    process.execPath,
    [
      require.resolve(`azurite/dist/src/${service}/main.js`),
      '--inMemoryPersistence',
      ...(service === 'blob' ? ['--extentMemoryLimit', '64'] : []),
      `--${service}Host`, '127.0.0.1',
      `--${service}Port`, '0',
      '--skipApiVersionCheck',
      '--disableTelemetry', // telemetry would try the network
      '--silent',
    ],
    { cwd: workspace, stdio: ['ignore', 'pipe', 'pipe'] },
  );
}

/**
 * Starts Azurite's blob and queue services (the state and the timers) on free ports chosen by the OS,
 * in memory, offline. Call stop() in afterAll.
 */
export async function startAzurite(): Promise<Azurite> {
  // Azurite defaults its workspace to the cwd; keep anything it might write out of the repo.
  const workspace = mkdtempSync(join(tmpdir(), 'stepwise-azurite-'));
  const children = [startService('blob', workspace), startService('queue', workspace)];
  const stop = async () => {
    await Promise.all(children.map(stopChild));
    rmSync(workspace, { recursive: true, force: true });
  };

  try {
    const [port, queuePort] = await Promise.all(children.map(waitForListeningPort));
    await Promise.all([waitForTcp(port), waitForTcp(queuePort)]);
    return {
      port,
      queuePort,
      blobEndpoint: `http://127.0.0.1:${port}/${accountName}`,
      queueEndpoint: `http://127.0.0.1:${queuePort}/${accountName}`,
      connectionString: azuriteConnectionString(port, queuePort),
      blobPid: children[0].pid,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * The development account's connection string for a blob endpoint on loopback `port` (Azurite, or a proxy
 * in front of it) and, when given, a queue endpoint on `queuePort`.
 */
export function azuriteConnectionString(port: number, queuePort?: number): string {
  const queue = queuePort === undefined ? '' : `QueueEndpoint=http://127.0.0.1:${queuePort}/${accountName};`;
  return `DefaultEndpointsProtocol=http;AccountName=${accountName};AccountKey=${accountKey};BlobEndpoint=http://127.0.0.1:${port}/${accountName};${queue}`;
}

function waitForListeningPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let output = '';
    const fail = (reason: string) => {
      cleanup();
      reject(new Error(`Azurite did not start: ${reason}\n${output}`));
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /successfully listens on https?:\/\/[^\s:]+:(\d+)/.exec(output);
      if (match) {
        cleanup();
        resolve(Number(match[1]));
      }
    };
    const onExit = (code: number | null, signal: string | null) => fail(`exited (code ${code}, signal ${signal})`);
    const onError = (error: Error) => fail(error.message);
    const timer = setTimeout(() => fail(`no listening message within ${startupTimeoutMs} ms`), startupTimeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      child.off('error', onError);
      // Keep draining so a full pipe can never block the child.
      child.stdout?.resume();
      child.stderr?.resume();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', onExit);
    child.once('error', onError);
  });
}

function waitForTcp(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.end();
      resolve();
    });
    socket.once('error', reject);
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const forceKill = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
    child.once('exit', () => {
      clearTimeout(forceKill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
