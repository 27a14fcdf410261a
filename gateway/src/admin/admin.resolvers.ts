// Resolvers of the key-management API: one-line calls into the key service.
import type { ApiKeyRecord } from '../keys/api-key-model.js';
import { formatPartner } from '../keys/api-key-model.js';
import type { CreateApiKeyInput } from '../keys/create-key-input.js';
import type { AdminContext } from './admin-context.js';

export const adminResolvers = {
  Query: {
    apiKeys: (_: unknown, args: { includeRevoked?: boolean }, ctx: AdminContext) => ctx.keys.list(args.includeRevoked ?? false),
    apiKey: (_: unknown, args: { id: string }, ctx: AdminContext) => ctx.keys.get(args.id),
  },
  Mutation: {
    createApiKey: (_: unknown, args: { input: CreateApiKeyInput }, ctx: AdminContext) => ctx.keys.create(args.input, ctx.claims.sub).then((c) => ({ apiKey: c.record, key: c.key })),
    revokeApiKey: (_: unknown, args: { id: string }, ctx: AdminContext) => ctx.keys.revoke(args.id),
  },
  ApiKey: {
    partner: (key: ApiKeyRecord) => formatPartner(key.partner),
    maxCost: (key: ApiKeyRecord) => key.limits.maxCost,
    bucketCapacity: (key: ApiKeyRecord) => key.limits.bucketCapacity,
    restoreRate: (key: ApiKeyRecord) => key.limits.restoreRate,
  },
};
