/** Lets the benchmark ask a server process what it has used: CPU time (robust to a noisy machine) and memory. */
process.on('message', (message) => {
  if (message === 'cpu') {
    const { user, system } = process.cpuUsage();
    process.send?.({ cpuMicros: user + system });
  }
  if (message === 'memory') {
    // A collection first, so the figure is what is held, not what is waiting to be freed.
    (globalThis as { gc?: () => void }).gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    process.send?.({ rss, heapUsed });
  }
});
