import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';

export interface SwitchableProxy {
  port: number;
  /** Drops open connections and refuses new ones, as if the service went away. */
  cutOff(): void;
  /** Drops open connections, then takes new ones and never answers: a service that hangs. */
  stall(): void;
  restore(): void;
  close(): Promise<void>;
}

/** A loopback TCP proxy to `targetPort` that can be cut off: a store that goes down and comes back. */
export async function startSwitchableProxy(targetPort: number): Promise<SwitchableProxy> {
  const sockets = new Set<Socket>();
  let available = true;
  let stalled = false;
  const server: Server = createServer((client) => {
    if (stalled) {
      sockets.add(client);
      client.on('close', () => sockets.delete(client));
      client.on('error', () => client.destroy());
      return;
    }
    if (!available) {
      client.destroy();
      return;
    }
    const upstream = connect({ host: '127.0.0.1', port: targetPort });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    cutOff() {
      available = false;
      sockets.forEach((socket) => socket.destroy());
    },
    stall() {
      stalled = true;
      sockets.forEach((socket) => socket.destroy());
    },
    restore() {
      available = true;
      stalled = false;
    },
    close: () =>
      new Promise((resolve) => {
        sockets.forEach((socket) => socket.destroy());
        server.close(() => resolve());
      }),
  };
}
