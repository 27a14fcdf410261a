// How long a test waits on background work (event deliveries, syncs, sweeps): vi.waitFor's options.

/** vi.waitFor gives up after one second by default; the hub's background work is measured in seconds. */
export const within = (timeout: number, interval = 100) => ({ timeout, interval });
