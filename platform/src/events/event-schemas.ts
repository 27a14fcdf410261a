// The JSON Schemas of every event type (platform/src/events/schemas): the outbox refuses an event that breaks its contract.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

export const EVENT_SCHEMA_DIR = fileURLToPath(new URL('./schemas', import.meta.url));

let validators: Map<string, ValidateFunction> | null = null;

function load(): Map<string, ValidateFunction> {
  if (validators) return validators;
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats.default(ajv);
  validators = new Map();
  for (const file of readdirSync(EVENT_SCHEMA_DIR).filter((f) => f.endsWith('.schema.json'))) {
    const schema = JSON.parse(readFileSync(join(EVENT_SCHEMA_DIR, file), 'utf8'));
    validators.set(file.replace(/\.schema\.json$/, ''), ajv.compile(schema));
  }
  return validators;
}

/** Every event type that has a published schema. */
export function knownEventTypes(): string[] {
  return [...load().keys()].sort();
}

export class EventContractError extends Error {
  constructor(readonly type: string, readonly problems: string[]) {
    super(`event ${type} breaks its contract: ${problems.join('; ')}`);
    this.name = 'EventContractError';
  }
}

/** Throws EventContractError when the type has no schema or the data does not match it. */
export function assertEventData(type: string, data: unknown): void {
  const validate = load().get(type);
  if (!validate) throw new EventContractError(type, [`no JSON Schema at platform/src/events/schemas/${type}.schema.json`]);
  if (!validate(data)) {
    throw new EventContractError(type, (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`));
  }
}
