// A graphql-ws client for tests: records what each subscription receives and how the connection ends.
import { createClient, type Client, type FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';

/** One `next` payload: data, and the extensions the server added (the subgraphs' `event`). */
export type Result = FormattedExecutionResult<any, any>;

export interface CloseInfo {
  code: number;
  reason: string;
}

export interface TestSubscription {
  /** Every `next` payload, in arrival order. */
  results: Result[];
  /** The errors of an `error` message, if the subscription ended with one. */
  errors: unknown[] | null;
  completed: boolean;
  /** Resolves once `predicate` holds for the results received so far (checked on each arrival). */
  waitFor(predicate: (results: Result[]) => boolean, timeoutMs?: number): Promise<Result[]>;
  /** Resolves when the subscription ends (complete or error). */
  ended(timeoutMs?: number): Promise<void>;
  unsubscribe(): void;
}

export interface TestSubscriptionClient {
  client: Client;
  /** The underlying WebSocket once connected (tests pause it to play a slow client). */
  socket(): WebSocket | null;
  /** Resolves with the first close of the connection. */
  closed: Promise<CloseInfo>;
  subscribe(query: string, variables?: Record<string, unknown>, extensions?: Record<string, unknown>): TestSubscription;
  dispose(): Promise<void>;
}

export interface TestSubscriptionClientOptions {
  connectionParams?: Record<string, unknown>;
  /** @default 0: a closed connection stays closed, so tests see close codes */
  retryAttempts?: number;
}

export function subscriptionTestClient(url: string, options: TestSubscriptionClientOptions = {}): TestSubscriptionClient {
  let socket: WebSocket | null = null;
  let resolveClosed!: (info: CloseInfo) => void;
  const closed = new Promise<CloseInfo>((resolve) => (resolveClosed = resolve));
  const client = createClient({
    url,
    webSocketImpl: WebSocket,
    connectionParams: options.connectionParams,
    lazy: false,
    retryAttempts: options.retryAttempts ?? 0,
    retryWait: () => new Promise((resolve) => setTimeout(resolve, 200)),
    onNonLazyError: () => undefined,
    on: {
      connected: (s) => void (socket = s as WebSocket),
      closed: (event) => {
        const e = event as { code?: number; reason?: string | Buffer };
        resolveClosed({ code: e.code ?? 0, reason: String(e.reason ?? '') });
      },
    },
  });
  return {
    client,
    socket: () => socket,
    closed,
    subscribe(query, variables = {}, extensions) {
      const listeners = new Set<() => void>();
      const notify = () => listeners.forEach((l) => l());
      const sub: TestSubscription = {
        results: [],
        errors: null,
        completed: false,
        waitFor(predicate, timeoutMs = 15_000) {
          return until(() => predicate(sub.results), () => `subscription did not receive what was expected in ${timeoutMs} ms; got ${JSON.stringify(sub.results).slice(0, 2000)} errors ${JSON.stringify(sub.errors)}`, timeoutMs);
        },
        ended(timeoutMs = 15_000) {
          return until(() => sub.completed || sub.errors !== null, () => `subscription did not end in ${timeoutMs} ms`, timeoutMs).then(() => undefined);
        },
        unsubscribe: () => dispose(),
      };
      const until = <T>(ok: () => T | false, message: () => string, timeoutMs: number) =>
        new Promise<any>((resolve, reject) => {
          const check = () => {
            if (!ok()) return;
            listeners.delete(check);
            clearTimeout(timer);
            resolve(sub.results);
          };
          const timer = setTimeout(() => {
            listeners.delete(check);
            reject(new Error(message()));
          }, timeoutMs);
          listeners.add(check);
          check();
        });
      const dispose = client.subscribe(
        { query, variables, extensions },
        {
          next: (value) => (sub.results.push(value), notify()),
          error: (error) => ((sub.errors = Array.isArray(error) ? error : [error]), notify()),
          complete: () => ((sub.completed = true), notify()),
        },
      );
      return sub;
    },
    dispose: () => client.dispose() as Promise<void>,
  };
}
