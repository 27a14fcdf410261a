// Starts `hub/src/main.ts` with some of the services as a child process and waits until they serve (benchmarks).
import type { ChildProcess } from 'node:child_process';
import { SERVICE_NAMES } from '@retail-hub/platform';
import { launchHub } from '@retail-hub/platform/testing/hub-launch';

export interface ServiceProcess {
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** Longer than the hub's own stop budget (a gateway thread gets 10 s before it is terminated). */
const STOP_GRACE_MS = 30_000;

/** Resolves once the launcher prints its ready line (the gateway's endpoint, or the list of services it runs). */
export async function startServices(args: string[], env: Record<string, string> = {}, nodeArgs: string[] = []): Promise<ServiceProcess> {
  const services = await launchHub({ args, env, nodeArgs, ready: /GraphQL endpoint:|services running:/, timeoutMs: 180_000, what: 'services' });
  return {
    child: services.child,
    output: services.output,
    async stop() {
      // A hub that does not stop within its own shutdown budget is reported with what it printed, then killed: a bench
      // must end, and the output is what tells why (a thread that died, a stuck shutdown step).
      const stopped = await Promise.race([services.kill('SIGTERM').then(() => true), new Promise<false>((resolve) => setTimeout(() => resolve(false), STOP_GRACE_MS).unref())]);
      if (stopped) return;
      console.error(`services (pid ${services.child.pid}) did not stop within ${STOP_GRACE_MS / 1000} s of SIGTERM; killing them. Their output:\n${services.output().slice(-4000)}`);
      await services.kill('SIGKILL');
    },
  };
}

/**
 * `--subgraph-url` arguments for a gateway whose subgraphs another process started with `--subgraph-ports
 * firstPort`: the launcher gives them consecutive ports in SERVICE_NAMES order.
 */
export function subgraphUrlArgs(firstPort: number): string[] {
  return SERVICE_NAMES.flatMap((name, i) => ['--subgraph-url', `${name}=http://127.0.0.1:${firstPort + i}/graphql`]);
}
