// Finds the Chromium the browser tests run in (CHROMIUM_PATH, then /usr/bin/chromium).
// When it is missing and we are root on Debian, installs Debian's package; otherwise
// stops with one line saying what to do. Never downloads a browser of its own.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const candidate = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(candidate)) process.exit(0);

if (process.env.CHROMIUM_PATH) {
  console.error(`CHROMIUM_PATH=${candidate} does not exist: point it at a Chromium binary.`);
  process.exit(1);
}
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (isRoot && existsSync('/etc/debian_version')) {
  console.error('Chromium not found: installing Debian package "chromium" with apt-get (about 30 s)...');
  execSync('apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium', { stdio: 'inherit' });
  if (existsSync(candidate)) process.exit(0);
}
console.error(
  'Chromium is needed for the browser tests: install it (Debian/Ubuntu: sudo apt-get install -y chromium) or set CHROMIUM_PATH.',
);
process.exit(1);
