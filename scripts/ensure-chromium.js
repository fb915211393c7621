// Browser tests drive Debian's Chromium; install it on a fresh machine before the tests run.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';

if (existsSync(CHROMIUM)) process.exit(0);
if (process.platform !== 'linux' || !existsSync('/usr/bin/apt-get')) {
  console.error(`Browser tests need Chromium at ${CHROMIUM}. Install it with your package manager, then run the tests again.`);
  process.exit(1);
}
const asRoot = process.getuid?.() === 0 ? '' : 'sudo ';
console.log('Installing Debian\'s chromium for the browser tests (once)…');
try {
  execSync(`${asRoot}apt-get update && ${asRoot}apt-get install -y chromium`, { stdio: 'inherit' });
} catch {
  console.error('Could not install chromium. Run `apt-get update && apt-get install -y chromium` as root, then `npm test` again.');
  process.exit(1);
}
