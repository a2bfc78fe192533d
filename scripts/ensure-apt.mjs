// `node scripts/ensure-apt.mjs "<purpose>" <package>[=<command>]…`: makes sure Debian packages a
// test needs are there (scripts/lib/apt.mjs): installs them as root, else exits 1 with one line
// naming the packages and the command. `=<command>` also accepts the tool installed another way
// (on the PATH). Tests call it as a process, e.g. the pre-commit hook test.
import { command, ensureDebianPackages } from './lib/apt.mjs';

const [purpose, ...specs] = process.argv.slice(2);
if (!purpose || specs.length === 0) {
  console.error('usage: node scripts/ensure-apt.mjs "<purpose>" <package>[=<command>]…');
  process.exit(2);
}
try {
  ensureDebianPackages({
    purpose,
    packages: specs.map((s) => {
      const [name, cmd] = s.split('=');
      return cmd ? { name, present: command(cmd) } : { name };
    }),
  });
} catch (e) {
  console.error(e.name === 'MissingPrerequisite' ? e.message : String(e.stack ?? e));
  process.exit(1);
}
