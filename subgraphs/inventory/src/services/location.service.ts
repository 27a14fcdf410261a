// The location rules: batch lookups, one location by id, filtered location pages.
import { badUserInput, decodeCursor, notFound, pageSize, toConnection, type Connection } from '@retail-hub/platform';
import type { LocationRepository } from '../store/location.repository.js';
import { toLocation, type Location } from './inventory-model.js';

export interface LocationFilterInput {
  type?: string | null;
  region?: string | null;
  search?: string | null;
}

export class LocationService {
  constructor(private readonly locations: LocationRepository) {}

  /** Batch lookup in key order (a DataLoader batch function). */
  async locationsById(ids: readonly string[]): Promise<(Location | null)[]> {
    const rows = await this.locations.findByIds(ids);
    const byId = new Map(rows.map((r) => [r.id, toLocation(r)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  requireLocation(location: Location | null, id: string): Location {
    if (!location) throw notFound('id', `id: no location ${id}`);
    return location;
  }

  async listLocations(filter: LocationFilterInput | null | undefined, first: number | null | undefined, after: string | null | undefined): Promise<Connection<Location>> {
    const limit = pageSize(first);
    const afterId = after ? String(decodeCursor(after, 'after')[0]) : undefined;
    const query = {
      type: filter?.type ?? undefined,
      region: filter?.region?.trim() || undefined,
      searchTerms: filter?.search !== undefined && filter.search !== null ? searchTerms(filter.search) : undefined,
    };
    const rows = await this.locations.page({ ...query, afterId, limit: limit + 1 });
    return toConnection(rows.map(toLocation), limit, (l) => [l.id], () => this.locations.count(query), Boolean(afterId));
  }
}

function searchTerms(search: string): string[] {
  const terms = search.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) throw badUserInput('filter.search', 'must contain at least one word');
  if (terms.length > 10 || search.length > 200) throw badUserInput('filter.search', 'at most 10 words and 200 characters');
  return terms;
}
