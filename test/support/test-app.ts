import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A protected application, as a CAS client would build it: no ticket → redirect to the CAS
 * login page; with a ticket → validate it server-side at /p3/serviceValidate and greet the user.
 */
export class TestApp {
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(casBase: string): Promise<TestApp> {
    let serviceUrl = '';
    const server = createServer((req, res) => {
      void (async () => {
        const requested = new URL(req.url ?? '/', serviceUrl);
        const ticket = requested.searchParams.get('ticket');
        if (!ticket) {
          res.writeHead(302, { Location: `${casBase}/login?${new URLSearchParams({ service: serviceUrl })}` });
          res.end();
          return;
        }
        const query = new URLSearchParams({ service: serviceUrl, ticket });
        const xml = await (await fetch(`${casBase}/p3/serviceValidate?${query}`)).text();
        const user = /<cas:user>([^<]*)<\/cas:user>/.exec(xml)?.[1];
        res.writeHead(user ? 200 : 403, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end(
          '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Test app</title></head><body><main>' +
            (user ? `<h1 id="greeting">Hello ${user}</h1>` : '<h1 id="greeting">Ticket refused</h1>') +
            '</main></body></html>',
        );
      })().catch((err: unknown) => {
        res.writeHead(500);
        res.end(String(err));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    serviceUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/app/`;
    return new TestApp(server, serviceUrl);
  }

  /** The service pattern that lets the CAS server issue tickets for this application. */
  get pattern(): string {
    return `${this.url.replace(/[.]/g, '\\.')}.*`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
