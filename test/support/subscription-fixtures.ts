// What the subscription tests do to a running hub: connect as a key, change stock, make and revoke keys.
import { scrapeMetric } from '@retail-hub/platform/testing/scrape-metric';
import { subscriptionTestClient, type TestSubscriptionClient } from '@retail-hub/platform/testing/subscription-test-client';
import type { HubProcess } from './hub-process.js';

/** A graphql-ws client on the gateway, sending the key the way a browser dashboard does: in connection_init. */
export function connectAs(wsUrl: string, key: string | null): TestSubscriptionClient {
  return subscriptionTestClient(wsUrl, { connectionParams: key === null ? {} : { authorization: `Bearer ${key}` } });
}

/** Books a stock count through the graph (ERP first, then inventory); returns the new on-hand. */
export async function adjustStock(hub: HubProcess, sku: string, locationId: string, delta: number): Promise<number> {
  const result = await hub.graphql(
    /* GraphQL */ `mutation($input: AdjustStockInput!) { adjustStock(input: $input) { stockLevel { onHand } errors { code message } } }`,
    { input: { sku, locationId, delta, reason: 'COUNT' } },
  );
  if (result.errors || result.data.adjustStock.errors.length) throw new Error(`adjustStock failed: ${JSON.stringify(result.errors ?? result.data.adjustStock.errors)}`);
  return result.data.adjustStock.stockLevel.onHand;
}

async function admin(hub: HubProcess, query: string, variables: Record<string, unknown>): Promise<any> {
  const response = await fetch(`${hub.baseUrl}/admin/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${hub.adminKey}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as any;
  if (body.errors) throw new Error(`admin API: ${JSON.stringify(body.errors)}`);
  return body.data;
}

export async function createKey(hub: HubProcess, input: { name: string; scopes: string[]; partner?: string }): Promise<{ id: string; key: string }> {
  const data = await admin(hub, /* GraphQL */ `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { id } key } }`, { input });
  return { id: data.createApiKey.apiKey.id, key: data.createApiKey.key };
}

export async function revokeKey(hub: HubProcess, id: string): Promise<void> {
  await admin(hub, /* GraphQL */ `mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`, { id });
}

/** A gateway metric summed over its label sets, optionally only those containing `labels` (e.g. `outcome="coalesced"`). */
export function gatewayMetric(hub: HubProcess, name: string, labels = ''): Promise<number> {
  return scrapeMetric(hub.baseUrl, name, labels);
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

