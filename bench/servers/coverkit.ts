/** Coverkit as `npm start` runs it (embedded database, info logs), for the benchmarks. */
import { loadConfig } from '../../server/config.ts';
import { listen, shutdownGracefully } from '../../server/listen.ts';
import { createRuntime } from '../../server/runtime.ts';
import './report-usage.ts';

const runtime = await createRuntime(loadConfig());
const server = await listen(runtime);
process.send?.({ ready: true, secretKey: runtime.demoSecretKey });
process.on('SIGTERM', () => void shutdownGracefully(runtime, server, 'SIGTERM').then(() => process.exit(0)));
