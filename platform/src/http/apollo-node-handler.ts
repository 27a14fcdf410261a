// Serves an ApolloServer from node:http directly (no framework): GraphQL over HTTP, GET and POST.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLRequest } from '@apollo/server';
import { BodyTooLargeError, readBody } from './read-body.js';
import { sendGraphQLError } from './json-response.js';

export interface ApolloHandlerOptions<TContext extends BaseContext> {
  /** Builds the per-request context; may throw a GraphQLError with extensions.http to refuse the request. */
  context: (req: IncomingMessage, headers: HeaderMap) => Promise<TContext>;
  /** @default 1 MiB */
  maxBodyBytes?: number;
}

export function headerMapOf(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

export function createApolloHandler<TContext extends BaseContext>(server: ApolloServer<TContext>, options: ApolloHandlerOptions<TContext>) {
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const headers = headerMapOf(req);
    let body: unknown = undefined;
    if (req.method === 'POST') {
      let raw: string;
      try {
        raw = await readBody(req, maxBodyBytes);
      } catch (error) {
        if (error instanceof BodyTooLargeError) return sendGraphQLError(res, 413, 'BAD_REQUEST', error.message);
        throw error;
      }
      const type = headers.get('content-type') ?? '';
      if (type.includes('json')) {
        try {
          body = raw.length ? JSON.parse(raw) : undefined;
        } catch {
          return sendGraphQLError(res, 400, 'BAD_REQUEST', 'request body is not valid JSON');
        }
      } else {
        body = raw;
      }
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const httpGraphQLRequest: HTTPGraphQLRequest = { method: (req.method ?? 'GET').toUpperCase(), headers, search: url.search, body };
    const response = await server.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: () => options.context(req, headers) });
    const outHeaders: Record<string, string> = {};
    for (const [key, value] of response.headers) outHeaders[key] = value;
    res.statusCode = response.status ?? 200;
    for (const [key, value] of Object.entries(outHeaders)) res.setHeader(key, value);
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
}
