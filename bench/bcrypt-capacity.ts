import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import bcrypt from 'bcryptjs';
import { PASSWORD } from './cas-flows';
import { Recorder } from './load';
import type { RoundRunner } from './scenarios';

/**
 * What the bcrypt cost allows on this machine right now: one worker thread per core, each
 * checking the benchmark user's password in a loop (bcryptjs, as the server does). Measured
 * in rounds alternating with the login rounds, so both see the same load from elsewhere.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const bcrypt = require(workerData.bcrypt);
const deadline = Date.now() + workerData.durationMs;
let count = 0;
while (Date.now() < deadline) { bcrypt.compareSync(workerData.password, workerData.hash); count++; }
parentPort.postMessage(count);
`;

export function bcryptCapacityRound(rounds: number): RoundRunner {
  const hash = bcrypt.hashSync(PASSWORD, rounds);
  const bcryptPath = require.resolve('bcryptjs');
  return async (durationMs) => {
    const started = performance.now();
    const counts = await Promise.all(
      Array.from(
        { length: availableParallelism() },
        () =>
          new Promise<number>((resolve, reject) => {
            const worker = new Worker(WORKER, {
              eval: true,
              workerData: { bcrypt: bcryptPath, password: PASSWORD, hash, durationMs },
            });
            worker.once('message', (n: number) => void worker.terminate().then(() => resolve(n)));
            worker.once('error', reject);
          }),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    const total = counts.reduce((a, b) => a + b, 0);
    return { recorder: new Recorder(), figures: { 'logins/s': total / seconds } };
  };
}
