// The subscription server's settings from the environment, read once at start; anything unset keeps its default.
import type { SubscriptionServerOptions } from './subscription-options.js';

/** Documented in docs/subscriptions.md. */
const VARIABLES: [keyof SubscriptionServerOptions, string, number][] = [
  ['maxSubscriptionsPerConnection', 'HUB_SUBSCRIPTIONS_PER_CONNECTION', 1],
  ['maxSubscriptionsPerKey', 'HUB_SUBSCRIPTIONS_PER_KEY', 1],
  ['maxQueuedPerConnection', 'HUB_SUBSCRIPTION_QUEUE', 1],
  ['coalesceAfter', 'HUB_SUBSCRIPTION_COALESCE_AFTER', 1],
  ['keepAliveMs', 'HUB_SUBSCRIPTION_KEEPALIVE_MS', 1_000],
  ['reauthenticateMs', 'HUB_SUBSCRIPTION_REAUTH_MS', 100],
];

export const SUBSCRIPTION_ENV_HELP = `Subscriptions (environment; docs/subscriptions.md):
  HUB_SUBSCRIPTIONS_PER_CONNECTION  open subscriptions per connection (default 100)
  HUB_SUBSCRIPTIONS_PER_KEY         open subscriptions per API key, all connections (default 5000)
  HUB_SUBSCRIPTION_COALESCE_AFTER   results waiting before a client counts as behind and gets
                                    only the latest change per product and location (default 100)
  HUB_SUBSCRIPTION_QUEUE            distinct changes waiting before a connection is closed
                                    with 4008, slow consumer (default 10000)
  HUB_SUBSCRIPTION_KEEPALIVE_MS     graphql-ws ping interval (default 12000)
  HUB_SUBSCRIPTION_REAUTH_MS        how often open subscriptions recheck their key (default 5000)
`;

/** Throws naming the variable when a value is not a whole number at or above its minimum. */
export function readSubscriptionConfig(env: Record<string, string | undefined>): SubscriptionServerOptions {
  const options: Record<string, number> = {};
  for (const [option, variable, min] of VARIABLES) {
    const text = env[variable]?.trim();
    if (!text) continue;
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < min) throw new Error(`${variable}: expected a whole number of at least ${min}, got "${text}"`);
    options[option] = value;
  }
  return options as SubscriptionServerOptions;
}
