// Every published event schema compiles, and the outbox refuses events that break theirs.
import { describe, expect, it } from 'vitest';
import { assertEventData, EventContractError, knownEventTypes } from './event-schemas.js';

describe('event schemas', () => {
  it('compiles every schema, named by a versioned event type', () => {
    const types = knownEventTypes();
    expect(types.length).toBeGreaterThan(0);
    for (const type of types) expect(type).toMatch(/^[a-z_]+(\.[a-z_]+)+\.v\d+$/);
  });

  it('refuses data that breaks a schema, and a type without one', () => {
    expect(() => assertEventData('test.thing.created.v1', { id: 'a' })).not.toThrow();
    expect(() => assertEventData('test.thing.created.v1', { id: 1 })).toThrow(EventContractError);
    expect(() => assertEventData('nobody.wrote.this.v1', {})).toThrow(/no JSON Schema/);
  });
});
