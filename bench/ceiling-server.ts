import Fastify from 'fastify';

/**
 * The benchmark's yardstick: a bare Fastify hello-world on 127.0.0.1, the most a Node HTTP
 * server does on this machine with the same client. Started and stopped by bench/run.ts.
 */
const app = Fastify({ logger: false });
app.get('/', async () => 'hello world');
app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) }).catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => void app.close().then(() => process.exit(0)));
}
