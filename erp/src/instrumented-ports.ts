// Wraps ERP ports with a span per call and the ERP latency and error metrics of the calling service.
import { withSpan, type ServiceMetrics } from '@retail-hub/platform';
import type { ErpPorts, PortName } from './ports/erp-ports.js';

export function instrumentPort<T extends object>(port: T, portName: string, service: string, metrics: ServiceMetrics): T {
  return new Proxy(port, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      const method = String(prop);
      return (...args: unknown[]) => {
        const end = metrics.erpDuration.startTimer({ port: portName, method });
        return withSpan(service, `erp.${portName}.${method}`, { 'erp.port': portName, 'erp.method': method }, async () => {
          try {
            const result = await value.apply(target, args);
            metrics.erpCalls.inc({ port: portName, method, outcome: 'ok' });
            return result;
          } catch (error) {
            metrics.erpCalls.inc({ port: portName, method, outcome: (error as Error).name === 'ErpRejectedError' ? 'rejected' : 'error' });
            throw error;
          } finally {
            end();
          }
        });
      };
    },
  });
}

export function instrumentErpPorts(ports: ErpPorts, service: string, metrics: ServiceMetrics): ErpPorts {
  const wrapped = {} as Record<PortName, unknown>;
  for (const [name, port] of Object.entries(ports) as [PortName, object][]) wrapped[name] = instrumentPort(port, name, service, metrics);
  return wrapped as ErpPorts;
}
