// How a service sends queued work to the ERP (postings, stock bookings): one set of knobs, from the hub's configuration.

export interface ErpDeliverySettings {
  /** Items sent per second at most, so a backlog drains without flooding an ERP that just came back. @default 200 */
  ratePerSecond?: number;
  /** Attempts before an item is dead-lettered (then a replay mutation sends it again). @default 10 */
  maxAttempts?: number;
  /** Consecutive failed sends that open the circuit breaker. @default 5 */
  breakerThreshold?: number;
  /** How long the breaker stays open before it probes the ERP, in ms; doubles per failed probe. @default 1000 */
  breakerOpenMs?: number;
  /** The longest the breaker waits between probes, in ms. @default 30_000 */
  breakerMaxOpenMs?: number;
  /** How often the queue is checked for retries coming due, in ms. @default 250 */
  pollIntervalMs?: number;
}
