import { createContext, useContext } from 'react';
import type { StatusPorts } from './ports';

const PortsContext = createContext<StatusPorts | null>(null);

export const PortsProvider = PortsContext.Provider;

/** The pane's ports; only valid under `<StatusApp>`. */
export function usePorts(): StatusPorts {
  const ports = useContext(PortsContext);
  if (ports === null) throw new Error('usePorts was called outside <StatusApp>; wrap the component in it.');
  return ports;
}

/** The current time in milliseconds, from the injected clock when there is one. */
export function useClock(): () => number {
  return usePorts().now ?? Date.now;
}
