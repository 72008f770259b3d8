/** Serving a runtime over HTTP, and stopping it without dropping requests. */
import { type ServerType, serve } from '@hono/node-server';
import { createCompressingServer } from './http/compression.ts';
import type { Runtime } from './runtime.ts';

/** In-flight requests get at least this long to finish after SIGTERM. */
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * At least as long as the submission deliveries' own wait (their longest
 * vendor timeout plus recording it): in sandbox mode those vendor calls are
 * requests to this very server, and closing every connection earlier would
 * cut one off after it was sent.
 */
function shutdownGraceMs(runtime: Pick<Runtime, 'submissions' | 'webhooks'>): number {
  return Math.max(SHUTDOWN_GRACE_MS, runtime.submissions.stopGraceMs, runtime.webhooks.stopGraceMs);
}

export function listen(runtime: Runtime): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: runtime.app.fetch, port: runtime.config.port, hostname: runtime.config.host, createServer: createCompressingServer },
      () => resolve(server),
    );
    server.once('error', reject);
  });
}

export function shutdownGracefully(runtime: Runtime, server: ServerType, signal: string): Promise<void> {
  runtime.logger.info({ signal }, 'shutting down: no new connections, finishing in-flight requests');
  runtime.lifecycle.shuttingDown = true;
  // Quote streams would otherwise hold their connections open until the force timeout.
  runtime.drain().catch((error: unknown) => runtime.logger.error({ err: error }, 'draining failed; closing anyway'));
  const force = setTimeout(() => {
    runtime.logger.warn('in-flight requests did not finish in time; closing anyway');
    if ('closeAllConnections' in server) server.closeAllConnections();
  }, shutdownGraceMs(runtime));
  force.unref();
  return new Promise((resolve) => {
    server.close(async () => {
      clearTimeout(force);
      runtime.logger.info('all requests finished; closing the database');
      try {
        // Closes the database and flushes the log, so this is the last line.
        await runtime.close();
      } catch (error) {
        process.stderr.write(`closing failed: ${error instanceof Error ? error.message : String(error)}\n`);
      } finally {
        // The process exits either way: a failed close must not leave it hanging.
        resolve();
      }
    });
    // Keep-alive connections with no request in flight would hold close() open.
    if ('closeIdleConnections' in server) server.closeIdleConnections();
  });
}
