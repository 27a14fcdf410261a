// Creates or updates the hub's JetStream stream and its consumers idempotently, so every replica can run it at start.
import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  nanos,
  NatsError,
  RetentionPolicy,
  StorageType,
  type ConsumerConfig,
  type JetStreamManager,
  type NatsConnection,
  type StreamUpdateConfig,
} from 'nats';

const STREAM_NOT_FOUND = 10059;
const CONSUMER_NOT_FOUND = 10014;

export interface StreamSettings {
  name: string;
  /** Captures `<prefix>>`. */
  subjectPrefix: string;
  duplicateWindowMs: number;
  maxAgeMs: number;
  maxBytes: number;
  replicas: number;
}

/** Makes the stream exist with these settings; a second replica starting at once just finds it. */
export async function ensureStream(jsm: JetStreamManager, settings: StreamSettings): Promise<void> {
  const limits: Partial<StreamUpdateConfig> = {
    subjects: [`${settings.subjectPrefix}>`],
    discard: DiscardPolicy.Old,
    max_age: nanos(settings.maxAgeMs),
    max_bytes: settings.maxBytes,
    duplicate_window: nanos(settings.duplicateWindowMs),
    num_replicas: settings.replicas,
  };
  try {
    const info = await jsm.streams.info(settings.name);
    if (info.config.storage !== StorageType.File) {
      throw new Error(`stream ${settings.name} exists with ${info.config.storage} storage; the hub needs file storage (storage cannot be changed in place)`);
    }
    await jsm.streams.update(settings.name, limits);
  } catch (error) {
    if (!isApiError(error, STREAM_NOT_FOUND)) throw error;
    // Limits, not interest: consumers created later, and replays, still find the history.
    await jsm.streams.add({ ...limits, name: settings.name, retention: RetentionPolicy.Limits, storage: StorageType.File });
  }
}

/** The fields of a consumer this bus owns, kept in step with the code on every subscribe. */
export type ConsumerSettings = Pick<ConsumerConfig, 'ack_wait' | 'max_deliver' | 'max_ack_pending' | 'filter_subject' | 'filter_subjects'>;

/** Creates the durable consumer, or brings an existing one (same name, older code) to these settings. */
export async function ensureDurableConsumer(jsm: JetStreamManager, stream: string, name: string, settings: ConsumerSettings): Promise<string> {
  try {
    await jsm.consumers.info(stream, name);
    await jsm.consumers.update(stream, name, settings);
  } catch (error) {
    if (!isApiError(error, CONSUMER_NOT_FOUND)) throw error;
    // A new durable starts at the oldest retained event: services start in any order, and one
    // deployed after its publisher must still see what was published before it first ran.
    await jsm.consumers.add(stream, { ...settings, durable_name: name, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All });
  }
  return name;
}

/** A consumer for this process alone, starting at new events; the server drops it if the process vanishes. */
export async function createEphemeralConsumer(jsm: JetStreamManager, stream: string, name: string, settings: ConsumerSettings, inactiveMs: number): Promise<string> {
  const info = await jsm.consumers.add(stream, {
    ...settings,
    name,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.New,
    inactive_threshold: nanos(inactiveMs),
    mem_storage: true,
  });
  return info.name;
}

/** Several filter subjects on one consumer need NATS 2.10; older servers get one covering filter. */
export function supportsMultipleFilters(nc: NatsConnection): boolean {
  const [major = 0, minor = 0] = (nc.info?.version ?? '0.0.0').split('.').map((n) => Number.parseInt(n, 10));
  return major > 2 || (major === 2 && minor >= 10);
}

function isApiError(error: unknown, errCode: number): boolean {
  return error instanceof NatsError && error.api_error?.err_code === errCode;
}
