// graphql-js subscribe in two halves, so errors before the first event become a graphql-ws `error` message, and each result says which event it came from.
import { createSourceEventStream, execute, type ExecutionArgs, type ExecutionResult, type GraphQLError } from 'graphql';
import type { LiveEvent } from './live-event-feed.js';
import { mapAsyncIterator } from './map-async-iterator.js';

/** What the gateway reads off each result (extensions.event) to dedupe, coalesce and resume. */
export interface EventMeta {
  id: string;
  /** The entity the event is about (the envelope subject), e.g. `SKU-000001@LOC-S0001`: the coalescing key. */
  subject: string | null;
  cursor: LiveEvent['cursor'];
}

/** Runs the field's `subscribe` resolver: its event stream, or the errors that refused it (bad arguments, no access). */
export async function openSourceStream(args: ExecutionArgs): Promise<AsyncIterable<unknown> | readonly GraphQLError[]> {
  const source = await createSourceEventStream(args);
  if (Symbol.asyncIterator in source) return source as AsyncIterable<unknown>;
  return (source as ExecutionResult).errors ?? [];
}

/**
 * Executes the operation once per event, each time with `contextFor()`: loaders built for the subscription
 * would serve the first event's numbers to every later one.
 */
export function resultsWithEventMeta(source: AsyncIterable<unknown>, args: ExecutionArgs, contextFor: () => unknown): AsyncIterableIterator<ExecutionResult> {
  return mapAsyncIterator(source[Symbol.asyncIterator](), async (payload) => {
    const result = (await execute({ ...args, rootValue: payload, contextValue: contextFor() })) as ExecutionResult;
    if (!isLiveEvent(payload)) return result;
    const event: EventMeta = { id: payload.event.id, subject: payload.event.subject ?? null, cursor: payload.cursor };
    return { ...result, extensions: { ...result.extensions, event } };
  });
}

function isLiveEvent(value: unknown): value is LiveEvent {
  const item = value as Partial<LiveEvent> | null;
  return !!item && typeof item === 'object' && !!item.event && !!item.cursor;
}
