import { main } from './main.js';

const code = await main(process.argv.slice(2), {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
  env: process.env,
});
// A running server keeps the process alive; every other command ends here.
if (code !== 0 || process.argv[2] !== 'start') process.exit(code);
