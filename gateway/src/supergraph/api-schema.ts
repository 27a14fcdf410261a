// The public API a supergraph exposes to clients (no join__/link machinery), as a graphql-js schema.
import { Supergraph } from '@apollo/federation-internals';
import type { GraphQLSchema } from 'graphql';
import { supergraphForGateway } from './gateway-supergraph.js';

export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphForGateway(supergraphSdl)).apiSchema().toGraphQLJSSchema();
}
