// Firefox has no --host-resolver-rules: the browser tests send its traffic through this proxy, which tunnels the
// fixture host names to the local fixture server and refuses everything else, so the tests stay offline while the
// pages keep their real host names.
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface ConnectProxy {
  port: number;
  /** Every CONNECT asked for, as `host:port`, refused ones included. */
  requests: string[];
  close(): Promise<void>;
}

export async function startConnectProxy(hosts: string[], targetPort: number): Promise<ConnectProxy> {
  const allowed = new Set(hosts.map((host) => host.toLowerCase()));
  const requests: string[] = [];
  // Tunnels leave the HTTP server's keeping once connected, so closing the server would wait for them: keep them here.
  const tunnels = new Set<{ destroy(): void }>();
  const server: Server = createServer((request, response) => {
    // Plain-HTTP requests through the proxy: the fixtures are HTTPS only, and nothing else may leave the machine.
    requests.push(request.url ?? '');
    response.writeHead(403, { 'content-type': 'text/plain' });
    response.end('Not a fixture host');
  });
  server.on('connect', (request, client, head) => {
    const target = request.url ?? '';
    requests.push(target);
    tunnels.add(client);
    client.on('close', () => tunnels.delete(client));
    const host = target.replace(/:\d+$/, '').toLowerCase();
    if (!allowed.has(host)) {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = connect(targetPort, '127.0.0.1', () => {
      tunnels.add(upstream);
      upstream.on('close', () => tunnels.delete(upstream));
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    const drop = () => {
      upstream.destroy();
      client.destroy();
    };
    upstream.on('error', drop);
    client.on('error', drop);
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        for (const socket of tunnels) socket.destroy();
        server.close(() => done());
      }),
  };
}
