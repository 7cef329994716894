import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { outboundRequest } from '../common/outbound-http';
import { sendThroughPool, sloPool, type SloTarget } from './slo-pool';

/** An application on 127.0.0.1 answering each request after `delayMs`, counting how many overlap. */
async function countingApp(delayMs: number) {
  const seen = { inFlight: 0, maxInFlight: 0, received: 0 };
  const server = createServer((req, res) => {
    req.resume();
    seen.inFlight++;
    seen.received++;
    seen.maxInFlight = Math.max(seen.maxInFlight, seen.inFlight);
    setTimeout(() => {
      seen.inFlight--;
      res.end('ok');
    }, delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const stop = () => new Promise((resolve) => server.close(resolve));
  return { seen, base, stop };
}

const targets = (base: string, n: number): SloTarget[] =>
  Array.from({ length: n }, (_, i) => ({ url: `${base}/s/${i}`, serviceName: 's', username: 'u', ticket: `ST-${i}` }));

async function post(target: SloTarget): Promise<boolean> {
  const { status } = await outboundRequest({
    method: 'POST',
    url: target.url,
    timeoutMs: 5000,
    tls: { rejectUnauthorized: true },
    form: { logoutRequest: target.ticket },
  });
  return status === 200;
}

describe('the SLO pool', () => {
  let app: Awaited<ReturnType<typeof countingApp>>;
  beforeEach(async () => {
    app = await countingApp(40);
  });
  afterEach(() => app.stop());

  it('is one per size in the process, whoever asks for it', () => {
    expect(sloPool(7)).toBe(sloPool(7));
    expect(sloPool(7)).not.toBe(sloPool(8));
  });

  it('keeps two logouts sent at the same time within the limit together', async () => {
    const reports = await Promise.all([
      sendThroughPool(sloPool(3), targets(app.base, 12), post),
      sendThroughPool(sloPool(3), targets(app.base, 12), post),
    ]);
    expect(reports.map((r) => [r.sent, r.failed.length, r.pending])).toEqual([
      [12, 0, 0],
      [12, 0, 0],
    ]);
    expect(app.seen.received).toBe(24);
    expect(app.seen.maxInFlight).toBe(3);
  });

  it('reports what is still running or queued when the caller stops waiting, and sends it afterwards', async () => {
    const report = await sendThroughPool(sloPool(2), targets(app.base, 6), post, 60);
    expect(report.sent).toBeLessThan(6);
    expect(report.sent + report.pending).toBe(6);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(app.seen.received).toBe(6);
    expect(app.seen.maxInFlight).toBe(2);
  });

  it('lists the targets that failed', async () => {
    const report = await sendThroughPool(sloPool(2), targets(app.base, 3), async (t) => t.ticket !== 'ST-1');
    expect(report).toEqual({ sent: 2, failed: [targets(app.base, 3)[1]], pending: 0 });
  });
});
