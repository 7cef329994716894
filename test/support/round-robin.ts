import { request, createServer, type Server } from 'node:http';

/**
 * The simplest load balancer: an HTTP proxy on 127.0.0.1 that sends each request to the next
 * backend in turn, so consecutive requests of one browser land on different server processes.
 */
export class RoundRobinProxy {
  private next = 0;
  readonly served: number[];

  private constructor(
    private readonly server: Server,
    readonly port: number,
    private readonly backends: number[],
  ) {
    this.served = backends.map(() => 0);
  }

  static async start(backendPorts: number[]): Promise<RoundRobinProxy> {
    let proxy: RoundRobinProxy | null = null;
    const server = createServer((req, res) => {
      const index = proxy!.next++ % backendPorts.length;
      proxy!.served[index]++;
      const upstream = request(
        { host: '127.0.0.1', port: backendPorts[index], method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => {
        res.writeHead(502).end();
      });
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    proxy = new RoundRobinProxy(server, port, backendPorts);
    return proxy;
  }

  url(prefixedPath: string): string {
    return `http://127.0.0.1:${this.port}${prefixedPath}`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
