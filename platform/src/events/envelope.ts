// The CloudEvents 1.0 JSON envelope every hub event travels in, with the W3C traceparent extension.
import type { Clock } from '../time/clock.js';
import { currentTraceparent } from '../telemetry/tracing.js';
import { newEventId } from './event-id.js';

export interface EventEnvelope<T = unknown> {
  specversion: '1.0';
  id: string;
  /** Versioned, dotted: `<domain>.<entity>.<what happened>.v<major>`, e.g. `inventory.stock.changed.v1`. */
  type: string;
  /** The service that emitted it, e.g. `/retail-hub/inventory`. */
  source: string;
  /** The entity it is about, e.g. `SKU-000001@LOC-S0001`. */
  subject?: string;
  time: string;
  datacontenttype: 'application/json';
  data: T;
  traceparent?: string;
}

export interface NewEvent<T = unknown> {
  type: string;
  subject?: string;
  data: T;
  /** A stable id makes a re-emitted event dedupe downstream; defaults to a fresh, time-ordered UUID (newEventId). */
  id?: string;
}

export function createEnvelope<T>(service: string, event: NewEvent<T>, clock: Clock): EventEnvelope<T> {
  return {
    specversion: '1.0',
    id: event.id ?? newEventId(),
    type: event.type,
    source: `/retail-hub/${service}`,
    subject: event.subject,
    time: clock.now().toISOString(),
    datacontenttype: 'application/json',
    data: event.data,
    traceparent: currentTraceparent(),
  };
}

/** Does an event type match a subscription pattern (`orders.order.*` matches every order event)? */
export function typeMatches(pattern: string, type: string): boolean {
  if (pattern === '*' || pattern === '>') return true;
  if (pattern.endsWith('.*')) return type.startsWith(pattern.slice(0, -1));
  return pattern === type;
}
