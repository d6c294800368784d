/**
 * npm run bench: many concurrent customers through whole procedures over HTTP on loopback, against
 * Stepwise with each storage and against a bare echo bot on the same stack, in one run. Prints
 * turns/s, turn latency percentiles, peak RSS and stored bytes per conversation, the ratios, and
 * checks the targets (exit code 1 if one is missed). Bounded: fixed counts and a time limit.
 *
 * Each target is measured warm: before the measured conversations, as many again run unmeasured, so that the
 * figures are those of a process that has been serving for a while (optimized code, settled heap), not of one
 * still compiling its hot paths; a shorter warm-up flattered whichever bot has the least code to warm up.
 * The targets run in a different order each round, so drift on a shared machine does not favour one.
 *
 * `blob x2` is two Stepwise processes on one Azurite container, each customer's turns sent to them in turn (as a
 * load balancer without affinity would). Azurite's blob service is reached through a counting proxy, so the blob
 * targets also report storage requests per turn.
 *
 * Settings (environment): BENCH_CONVERSATIONS (300), BENCH_WARMUP (conversations before measuring: as many as
 * BENCH_CONVERSATIONS), BENCH_CONCURRENCY (32), BENCH_ROUNDS (3), BENCH_MAX_SECONDS (900);
 * BENCH_PROFILE_DIR=dir writes a CPU profile of every bot process there; BENCH_NODE_FLAGS adds Node flags to
 * the bots (e.g. --trace-gc); BENCH_TARGETS=echo,memory measures only those (for quicker comparisons while
 * working; the checks then cover only what was measured).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/config';
import { loadContent } from '../../src/content/loader';
import { azuriteConnectionString, startAzurite, type Azurite } from '../../tools/lib/azurite';
import { startCountingProxy, type CountingProxy } from '../../tools/lib/countingProxy';
import { BenchConnector } from './benchConnector';
import { benchIds, runLoad, type LoadResult, type Procedure } from './load';
import { Check, formatCheck, median, passed, percentile, table, TargetFigures } from './report';
import { processCpuMs } from './processCpu';
import { startTarget } from './targets';

const setting = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number`);
  return value;
};
const conversations = setting('BENCH_CONVERSATIONS', 300);
const concurrency = setting('BENCH_CONCURRENCY', 32);
const rounds = setting('BENCH_ROUNDS', 3);
const maxSeconds = setting('BENCH_MAX_SECONDS', 900);
const warmUpConversations = setting('BENCH_WARMUP', conversations);

type TargetName = 'echo' | 'memory' | 'sqlite' | 'blob' | 'blob x2';
const allTargets: TargetName[] = ['echo', 'memory', 'sqlite', 'blob', 'blob x2'];
const chosenTargets = (process.env.BENCH_TARGETS ?? allTargets.join(',')).split(',').map((name) => name.trim()) as TargetName[];
const unknownTarget = chosenTargets.find((name) => !allTargets.includes(name));
if (unknownTarget !== undefined || chosenTargets.length === 0) throw new Error(`BENCH_TARGETS takes a comma-separated list of ${allTargets.join(', ')}`);

interface RoundFigures {
  load: LoadResult;
  /** CPU the bot process spent per measured turn, and the benchmark process (driver + connector). */
  botCpuMsPerTurn: number;
  driverCpuMsPerTurn: number;
  peakRssBytes: number;
  storedPerConversation?: number;
  storedInProgress?: number;
  transcriptInProgress?: number;
  /** Requests to the blob service per measured turn (blob targets). */
  storageRequestsPerTurn?: number;
  /** CPU Azurite's blob service spent per measured turn (blob targets, where /proc can be read). */
  storageCpuMsPerTurn?: number;
}

/** Blob targets: Azurite's blob service behind a proxy that counts the requests. */
interface BlobService {
  connectionString: string;
  proxy: CountingProxy;
  pid?: number;
}

const content = loadContent(loadConfig({}).isp);
// Each procedure chosen by the words that lead straight to it: a version's label ("Outlook 2007"), or the
// program's name; the general three-settings guide is reached through an offer, so it is left out.
const stepwiseProcedures: Procedure[] = content.clients
  .filter((client) => !client.generic)
  .map((client) => ({
    messages: [client.versionLabel ?? client.displayName, ...client.steps.map(() => 'done'), 'It worked'],
    lastReply: content.messages.verifyWorked,
  }));
const echoProcedures: Procedure[] = stepwiseProcedures.map(({ messages }) => ({ messages, lastReply: `You said: ${messages[messages.length - 1]}` }));
// One customer left in the middle of the steps: what a conversation in progress keeps stored.
const midway = content.clients[0];
const midwayProcedure: Procedure = {
  messages: [midway.displayName, 'done', 'done', 'done'],
  lastReply: `**Step 4 of ${midway.steps.length}:** ${midway.steps[3].text}`,
};

async function measure(
  name: TargetName,
  round: number,
  connector: BenchConnector,
  serviceUrl: string,
  env: Record<string, string>,
  deadline: number,
  blob?: BlobService,
): Promise<RoundFigures> {
  const instances = name === 'blob x2' ? 2 : 1;
  const targets = await Promise.all(Array.from({ length: instances }, () => startTarget(name === 'echo' ? 'echoTarget.ts' : 'stepwiseTarget.ts', env)));
  try {
    const common = { botUrls: targets.map((t) => t.botUrl), connector, serviceUrl, concurrency, procedures: name === 'echo' ? echoProcedures : stepwiseProcedures };
    const remaining = () => Math.max(0, deadline - Date.now());
    const label = name.replace(' ', '');
    const allStats = (keys?: string[]) => Promise.all(targets.map((t) => t.stats(keys)));
    const cpuOf = (stats: Awaited<ReturnType<typeof allStats>>) => stats.reduce((sum, s) => sum + s.cpuMs, 0);
    const warmUp = await runLoad({ ...common, label: `${label}-${round}-warm`, conversations: warmUpConversations, maxMs: remaining() });
    const before = { bot: cpuOf(await allStats()), driver: process.cpuUsage(), storage: processCpuMs(blob?.pid) };
    blob?.proxy.count();
    const load = await runLoad({ ...common, label: `${label}-${round}`, conversations, maxMs: remaining() });
    const storageRequests = blob?.proxy.count();
    const storageCpuMs = processCpuMs(blob?.pid);
    const after = await allStats();
    const driverCpu = process.cpuUsage(before.driver);
    const cpu = {
      botCpuMsPerTurn: (cpuOf(after) - before.bot) / load.turns,
      driverCpuMsPerTurn: (driverCpu.user + driverCpu.system) / 1000 / load.turns,
      storageCpuMsPerTurn: storageCpuMs === undefined || before.storage === undefined ? undefined : (storageCpuMs - before.storage) / load.turns,
    };
    const peakRssBytes = Math.max(...after.map((s) => s.peakRssBytes));
    load.failures.unshift(...warmUp.failures);
    if (name === 'echo') return { load, ...cpu, peakRssBytes };

    const probeLabel = `${label}-${round}-midway`;
    const probe = await runLoad({ ...common, label: probeLabel, conversations: 1, concurrency: 1, procedures: [midwayProcedure], maxMs: remaining() });
    load.failures.push(...probe.failures);
    const { conversationId, userId } = benchIds(probeLabel, 0);
    const [stats] = await allStats([`webchat/conversations/${conversationId}`, `webchat/users/${userId}`]);
    return {
      load,
      ...cpu,
      peakRssBytes,
      // The store holds the finished conversations and the one left mid-way.
      storedPerConversation: stats.usage && stats.keyBytes !== undefined ? (stats.usage.bytes - stats.keyBytes - (stats.transcriptBytes ?? 0)) / (warmUpConversations + conversations) : undefined,
      storedInProgress: stats.keyBytes,
      transcriptInProgress: stats.transcriptBytes,
      storageRequestsPerTurn: storageRequests === undefined ? undefined : storageRequests / load.turns,
    };
  } finally {
    await Promise.all(targets.map((t) => t.stop()));
  }
}

/**
 * An ordinary turn is 3 requests (the state and the open-case pointer, 2 GETs in parallel; the state's PUT). A whole
 * procedure adds the greeting, the program's turn (the customer's record and list of conversations) and the end.
 */
const blobRequestsPerTurn = 3.5;

const rate = (r: RoundFigures) => r.load.turns / (r.load.elapsedMs / 1000);

function summarize(name: string, results: RoundFigures[]): TargetFigures {
  const pick = (figure: (r: RoundFigures) => number) => median(results.map(figure));
  return {
    name,
    turnsPerSecond: pick(rate),
    p50: pick((r) => percentile(r.load.latenciesMs, 50)),
    p95: pick((r) => percentile(r.load.latenciesMs, 95)),
    p99: pick((r) => percentile(r.load.latenciesMs, 99)),
    botCpuMs: pick((r) => r.botCpuMsPerTurn),
    peakRssMb: Math.max(...results.map((r) => r.peakRssBytes)) / (1024 * 1024),
    storedPerConversation: results[results.length - 1].storedPerConversation,
    storedInProgress: results[results.length - 1].storedInProgress,
    transcriptInProgress: results[results.length - 1].transcriptInProgress,
    storageRequestsPerTurn: results[results.length - 1].storageRequestsPerTurn,
  };
}

async function main(): Promise<number> {
  const deadline = Date.now() + maxSeconds * 1000;
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'stepwise-bench-'));
  const connector = new BenchConnector();
  let azurite: Azurite | undefined;
  let blob: BlobService | undefined;
  const results: Record<TargetName, RoundFigures[]> = { echo: [], memory: [], sqlite: [], blob: [], 'blob x2': [] };
  try {
    const serviceUrl = await connector.start();
    if (chosenTargets.some((name) => name.startsWith('blob'))) {
      azurite = await startAzurite();
      const proxy = await startCountingProxy(azurite.port, false);
      blob = { proxy, connectionString: azuriteConnectionString(proxy.port, azurite.queuePort), pid: azurite.blobPid };
    }
    const cpus = os.cpus();
    console.log(`Stepwise benchmark: ${conversations} conversations x ${rounds} rounds, ${concurrency} at a time (+${warmUpConversations} warm-up each)`);
    console.log(`machine: ${os.availableParallelism()} CPUs (${cpus[0]?.model.trim()}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}\n`);

    for (let round = 1; round <= rounds; round++) {
      const plan: [TargetName, Record<string, string>][] = [
        ['echo', {}],
        ['memory', { STORAGE: 'memory' }],
        ['sqlite', { STORAGE: 'sqlite', SQLITE_PATH: path.join(workDir, `round-${round}`, 'stepwise.sqlite') }],
      ];
      // Blob goes through Azurite on the same CPUs: measured once, for its own figures, not for the ratios.
      if (round === 1 && blob) {
        plan.push(['blob', { STORAGE: 'blob', BLOB_CONNECTION_STRING: blob.connectionString, BLOB_CONTAINER: 'bench' }]);
        plan.push(['blob x2', { STORAGE: 'blob', BLOB_CONNECTION_STRING: blob.connectionString, BLOB_CONTAINER: 'bench-x2', TIMER_QUEUE: 'bench-x2-timers' }]);
      }
      const chosen = plan.filter(([name]) => chosenTargets.includes(name));
      // Rotated each round: each target in turn goes first, when the machine has been idle longest.
      const rotation = (round - 1) % chosen.length;
      for (const [name, env] of [...chosen.slice(rotation), ...chosen.slice(0, rotation)]) {
        const figures = await measure(name, round, connector, serviceUrl, env, deadline, name.startsWith('blob') ? blob : undefined);
        results[name].push(figures);
        console.log(
          `round ${round} ${name.padEnd(7)} ${figures.load.turns} turns in ${(figures.load.elapsedMs / 1000).toFixed(1)} s (${rate(figures).toFixed(0)} turns/s; CPU per turn: bot ${figures.botCpuMsPerTurn.toFixed(2)} ms, driver ${figures.driverCpuMsPerTurn.toFixed(2)} ms${figures.storageCpuMsPerTurn === undefined ? '' : `, Azurite ${figures.storageCpuMsPerTurn.toFixed(2)} ms`})${figures.load.failures.length ? `, ${figures.load.failures.length} FAILED` : ''}`,
        );
      }
    }
  } finally {
    await connector.stop();
    await blob?.proxy.close();
    await azurite?.stop();
    rmSync(workDir, { recursive: true, force: true });
  }

  const measured = allTargets.filter((name) => results[name].length > 0);
  const rows = measured.map((name) => summarize(name, results[name]));
  const row = (name: TargetName) => rows.find((r) => r.name === name);
  const [echo, memory, sqlite] = [row('echo'), row('memory'), row('sqlite')];
  console.log(`\nMedian of ${rounds} rounds (blob: 1 round)\n${table(rows)}\n`);
  const ratio = (a: TargetFigures | undefined, b: TargetFigures | undefined, figure: (r: TargetFigures) => number) => (a && b ? figure(a) / figure(b) : undefined);
  const ratios: [string, number | undefined][] = [
    ['memory/echo turns/s', ratio(memory, echo, (r) => r.turnsPerSecond)],
    ['memory/echo p99', ratio(memory, echo, (r) => r.p99)],
    ['sqlite/memory turns/s', ratio(sqlite, memory, (r) => r.turnsPerSecond)],
    ['sqlite/memory p99', ratio(sqlite, memory, (r) => r.p99)],
    ['blob/memory turns/s', ratio(row('blob'), memory, (r) => r.turnsPerSecond)],
  ];
  const perRound = (a: TargetName, b: TargetName) =>
    results[a].map((r, i) => (results[b][i] ? (rate(r) / rate(results[b][i])).toFixed(2) : undefined)).filter((value) => value !== undefined);
  if (results.memory.length && results.echo.length) console.log(`memory/echo turns/s per round: ${perRound('memory', 'echo').join(', ')}`);
  console.log(`ratios: ${ratios.filter(([, value]) => value !== undefined).map(([label, value]) => `${label} ${value!.toFixed(2)}`).join(', ')}\n`);

  const blobRound = results.blob[0];
  if (blobRound?.storageCpuMsPerTurn !== undefined) {
    // What the machine leaves for the bot: Azurite and the driver (with its counting proxy) share its CPUs.
    const others = blobRound.storageCpuMsPerTurn + blobRound.driverCpuMsPerTurn;
    const ceiling = (os.availableParallelism() * 1000) / others;
    const botAlone = 1000 / blobRound.botCpuMsPerTurn;
    console.log(
      `blob on this machine: Azurite ${blobRound.storageCpuMsPerTurn.toFixed(2)} + driver ${blobRound.driverCpuMsPerTurn.toFixed(2)} ms of CPU per turn leave at most ` +
        `${ceiling.toFixed(0)} turns/s to a bot that cost nothing; the bot on a CPU of its own, storage elsewhere: ${botAlone.toFixed(0)} turns/s\n`,
    );
  }

  const failures = Object.entries(results).flatMap(([name, list]) => list.flatMap((r) => r.load.failures.map((failure) => `${name}: ${failure}`)));
  const check = (description: string, value: number | undefined, limit: number, kind: Check['kind']): Check[] => (value === undefined ? [] : [{ description, value, limit, kind }]);
  const blobOne = row('blob');
  // memory vs echo (turns/s >= 0.8, p99 <= 1.3) are printed above but no longer checked: what is left of that gap is
  // botbuilder-dialogs' own per-turn machinery (docs/benchmark.md).
  const checks: Check[] = [
    ...check('sqlite turns/s vs memory', ratios[2][1], 0.8, 'min'),
    // Twice the 124 turns/s of one blob instance measured before a turn became 1 read + 1 write.
    ...check('blob turns/s (one instance)', blobOne?.turnsPerSecond, 248, 'min'),
    // blob x2 shares this machine's CPUs between its two bots (and Azurite): its throughput is printed, not checked;
    // what it checks is that turns spread over two instances all succeed, with the same requests per turn.
    ...rows.flatMap((r) => check(`${r.name} storage requests per turn`, r.storageRequestsPerTurn, blobRequestsPerTurn, 'max')),
    ...rows
      .filter((r) => r.name !== 'echo')
      .flatMap((r) => [
        { description: `${r.name} stored bytes per finished conversation (with its transcript)`, value: r.storedPerConversation ?? Infinity, limit: 8192, kind: 'max' as const },
        { description: `${r.name} stored bytes for a conversation mid-way (without its transcript)`, value: r.storedInProgress ?? Infinity, limit: 2048, kind: 'max' as const },
        // The heap limit npm start sets (--max-old-space-size=1024), for a 1.75 GB App Service instance.
        { description: `${r.name} peak RSS MB`, value: r.peakRssMb, limit: 1024, kind: 'max' as const },
      ]),
    { description: 'failed conversations', value: failures.length, limit: 0, kind: 'max' },
  ];
  if (measured.length < allTargets.length) console.log(`only ${measured.join(', ')} measured (BENCH_TARGETS): the other targets are not checked\n`);
  checks.forEach((check) => console.log(formatCheck(check)));
  failures.slice(0, 10).forEach((failure) => console.log(`  ${failure}`));
  return checks.every(passed) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error('benchmark failed:', error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
