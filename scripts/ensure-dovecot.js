// The IMAP tests read mail from Debian's Dovecot; install it on a fresh machine before the tests run.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const DOVECOT = '/usr/sbin/dovecot';

if (existsSync(DOVECOT)) process.exit(0);
if (process.platform !== 'linux' || !existsSync('/usr/bin/apt-get')) {
  console.error(`The IMAP tests need Dovecot at ${DOVECOT}. Install it with your package manager, then run the tests again.`);
  process.exit(1);
}
const asRoot = process.getuid?.() === 0 ? '' : 'sudo ';
console.log('Installing Debian\'s dovecot-imapd for the IMAP tests (once)…');
try {
  // The tests start their own Dovecot; the package's service is neither needed nor started here.
  execSync(`${asRoot}apt-get update && ${asRoot}env DEBIAN_FRONTEND=noninteractive apt-get install -y dovecot-imapd`, { stdio: 'inherit' });
} catch {
  console.error('Could not install dovecot-imapd. Run `apt-get update && apt-get install -y dovecot-imapd` as root, then `npm test` again.');
  process.exit(1);
}
