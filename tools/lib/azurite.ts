import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

export interface AzuriteOptions {
  /**
   * Serve https with this certificate (PEM) and accept Entra ID bearer tokens (Azurite's `--oauth basic`: it checks
   * a token's issuer, audience and times, not its signature), besides the account key.
   */
  tls?: { key: string; cert: string };
}

function startService(service: 'blob' | 'queue', workspace: string, options: AzuriteOptions): ChildProcess {
  const tls = options.tls ? ['--oauth', 'basic', '--cert', join(workspace, 'cert.pem'), '--key', join(workspace, 'key.pem')] : [];
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
      ...tls,
    ],
    { cwd: workspace, stdio: ['ignore', 'pipe', 'pipe'] },
  );
}

/**
 * Starts Azurite's blob and queue services (the state and the timers) on free ports chosen by the OS,
 * in memory, offline. Call stop() in afterAll.
 */
export async function startAzurite(options: AzuriteOptions = {}): Promise<Azurite> {
  // Azurite defaults its workspace to the cwd; keep anything it might write out of the repo.
  const workspace = mkdtempSync(join(tmpdir(), 'stepwise-azurite-'));
  if (options.tls) {
    writeFileSync(join(workspace, 'cert.pem'), options.tls.cert);
    writeFileSync(join(workspace, 'key.pem'), options.tls.key);
  }
  const children = [startService('blob', workspace, options), startService('queue', workspace, options)];
  const stop = async () => {
    await Promise.all(children.map(stopChild));
    rmSync(workspace, { recursive: true, force: true });
  };

  try {
    const [port, queuePort] = await Promise.all(children.map(waitForListeningPort));
    await Promise.all([waitForTcp(port), waitForTcp(queuePort)]);
    const scheme = options.tls ? 'https' : 'http';
    return {
      port,
      queuePort,
      blobEndpoint: `${scheme}://127.0.0.1:${port}/${accountName}`,
      queueEndpoint: `${scheme}://127.0.0.1:${queuePort}/${accountName}`,
      connectionString: azuriteConnectionString(port, queuePort, scheme),
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
export function azuriteConnectionString(port: number, queuePort?: number, scheme: 'http' | 'https' = 'http'): string {
  const queue = queuePort === undefined ? '' : `QueueEndpoint=${scheme}://127.0.0.1:${queuePort}/${accountName};`;
  return `DefaultEndpointsProtocol=${scheme};AccountName=${accountName};AccountKey=${accountKey};BlobEndpoint=${scheme}://127.0.0.1:${port}/${accountName};${queue}`;
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
