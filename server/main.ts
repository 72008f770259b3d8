/**
 * Process entry: read config, open the database, start listening, and shut
 * down gracefully on SIGTERM/SIGINT (stop accepting, let in-flight requests
 * finish, close the database).
 */
import { DEMO_CLIENT_ID } from './auth/dealers.ts';
import { ConfigError, loadConfig } from './config.ts';
import { listen, shutdownGracefully } from './listen.ts';
import { createRuntime } from './runtime.ts';

async function main() {
  const config = loadConfig();
  const runtime = await createRuntime(config);
  const server = await listen(runtime);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  runtime.logger.info({ port, mode: config.mode, database: runtime.db.driver }, 'coverkit listening');
  const lines = [
    `Coverkit (${config.mode} mode) on http://localhost:${port}`,
    `  demo page:     http://localhost:${port}/`,
    `  API reference: http://localhost:${port}/docs`,
  ];
  if (runtime.demoSecretKey) {
    lines.push('Demo dealer (Pleasantville Motors):', `clientId: ${DEMO_CLIENT_ID}`, `secretKey: ${runtime.demoSecretKey}`);
  }
  // A banner for the person who ran npm start, not a log line: log collectors never see the key.
  process.stdout.write(`${lines.join('\n')}\n`);
  let stopping = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      shutdownGracefully(runtime, server, signal).then(() => process.exit(0));
    });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`coverkit failed to start: ${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
});
