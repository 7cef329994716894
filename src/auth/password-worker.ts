import bcrypt from 'bcryptjs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';

// On Linux the nice value belongs to the thread (setpriority on "process" 0 is the calling
// thread): hashing then takes the CPU the event loop leaves, and never delays its requests.
// Elsewhere it would renice the whole server, so it is left alone.
if (process.platform === 'linux') {
  try {
    setPriority(10);
  } catch {
    // not allowed here: hash at normal priority
  }
}

/** The bcrypt work of password-hasher.ts, on a worker thread: one job at a time. */
export type HashJob =
  | { id: number; op: 'hash'; password: string; rounds: number }
  | { id: number; op: 'compare'; password: string; hash: string };

export type HashReply = { id: number; result: string | boolean } | { id: number; error: string };

export function runJob(job: HashJob): string | boolean {
  return job.op === 'hash' ? bcrypt.hashSync(job.password, job.rounds) : bcrypt.compareSync(job.password, job.hash);
}

parentPort?.on('message', (job: HashJob) => {
  let reply: HashReply;
  try {
    reply = { id: job.id, result: runJob(job) };
  } catch (err) {
    reply = { id: job.id, error: err instanceof Error ? err.message : String(err) };
  }
  parentPort?.postMessage(reply);
});
