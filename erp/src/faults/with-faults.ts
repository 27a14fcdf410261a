// Wraps a port so every method call passes the fault switch first.
import type { ErpPorts, PortName } from '../ports/erp-ports.js';
import type { FaultSwitch } from './fault-switch.js';

export function withFaults<T extends object>(port: T, portName: string, faults: FaultSwitch): T {
  return new Proxy(port, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        await faults.before(portName, String(prop));
        return value.apply(target, args);
      };
    },
  });
}

export function erpWithFaults(ports: ErpPorts, faults: FaultSwitch): ErpPorts {
  const wrapped = {} as Record<PortName, unknown>;
  for (const [name, port] of Object.entries(ports) as [PortName, object][]) wrapped[name] = withFaults(port, name, faults);
  return wrapped as ErpPorts;
}
