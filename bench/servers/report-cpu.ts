/** Lets the benchmark ask a server process how much CPU it has used (robust to a noisy machine). */
process.on('message', (message) => {
  if (message === 'cpu') {
    const { user, system } = process.cpuUsage();
    process.send?.({ cpuMicros: user + system });
  }
});
