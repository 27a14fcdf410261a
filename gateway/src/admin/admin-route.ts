// /admin/graphql: the key-management API, served by the gateway process beside (not inside) the public supergraph.
import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { buildSchema, isObjectType, type GraphQLFieldResolver } from 'graphql';
import { createApolloHandler, createErrorMasker, type Logger, type RouteHandler } from '@retail-hub/platform';
import type { Authenticate } from '../auth/authenticate.js';
import type { ApiKeyService } from '../keys/api-key.service.js';
import { createAdminContext, type AdminContext } from './admin-context.js';
import { adminResolvers } from './admin.resolvers.js';

export const ADMIN_PATH = '/admin/graphql';

export interface AdminApi {
  route: RouteHandler;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createAdminApi(options: { keys: ApiKeyService; authenticate: Authenticate; logger: Logger }): AdminApi {
  const typeDefs = readFileSync(new URL('./admin.graphql', import.meta.url), 'utf8');
  const apollo = new ApolloServer<AdminContext>({
    schema: withResolvers(buildSchema(typeDefs), adminResolvers),
    formatError: createErrorMasker(options.logger),
    includeStacktraceInErrorResponses: false,
    // The process owns shutdown, not Apollo (see buildSubgraph).
    stopOnTerminationSignals: false,
    csrfPrevention: true,
    plugins: [ApolloServerPluginLandingPageDisabled()],
  });
  const handle = createApolloHandler(apollo, { context: (req) => createAdminContext(req, options.authenticate, options.keys), maxBodyBytes: 64 * 1024 });
  return { route: (req, res) => handle(req, res), start: () => apollo.start(), stop: () => apollo.stop() };
}

// The admin schema is small and plain (no federation), so resolvers are attached to graphql-js's schema directly.
function withResolvers(schema: ReturnType<typeof buildSchema>, resolvers: Record<string, Record<string, unknown>>) {
  for (const [typeName, fields] of Object.entries(resolvers)) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) throw new Error(`admin schema has no object type ${typeName}`);
    for (const [name, resolve] of Object.entries(fields)) {
      const field = type.getFields()[name];
      if (!field) throw new Error(`admin schema has no field ${typeName}.${name}`);
      field.resolve = resolve as GraphQLFieldResolver<unknown, unknown>;
    }
  }
  return schema;
}
