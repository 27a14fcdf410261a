// Development-only admin route: read or flip the embedded ERP's fault switch in a running hub (demos, tests).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseFaultSettings, type FaultSettings, type FaultSwitch } from '@retail-hub/erp';
import { readBody, sendJson } from '@retail-hub/platform';

/**
 * GET returns the current settings. POST takes either JSON ({ "outage": true, "latencyMs": 200, ... })
 * or the --erp-faults text (`latency=200,errors=0.1`, `outage`, `none`).
 */
export function erpFaultsRoute(faults: FaultSwitch) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'GET') return sendJson(res, 200, faults.current);
    if (req.method !== 'POST') return sendJson(res, 405, { error: 'use GET or POST' });
    const body = (await readBody(req, 4096)).trim();
    let change: Partial<FaultSettings>;
    try {
      change = body.startsWith('{') ? validated(JSON.parse(body)) : parseFaultSettings(body);
    } catch (error) {
      return sendJson(res, 400, { error: (error as Error).message });
    }
    if (body === 'none' || (body.startsWith('{') && Object.keys(change).length === 0)) faults.clear();
    else faults.set(change);
    return sendJson(res, 200, faults.current);
  };
}

function validated(input: Record<string, unknown>): Partial<FaultSettings> {
  const out: Partial<FaultSettings> = {};
  for (const [key, value] of Object.entries(input)) {
    if (key === 'outage' && typeof value === 'boolean') out.outage = value;
    else if ((key === 'latencyMs' || key === 'jitterMs') && typeof value === 'number' && value >= 0) out[key] = value;
    else if (key === 'errorRate' && typeof value === 'number' && value >= 0 && value <= 1) out.errorRate = value;
    else throw new Error(`${key}: expected outage (boolean), latencyMs/jitterMs (ms >= 0) or errorRate (0..1)`);
  }
  return out;
}
