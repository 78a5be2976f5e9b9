// The local npm mirror carries only the linux-x64 builds of platform-specific optional packages, so npm writes
// lock files without the other platforms and `npm ci` then rejects the lock as out of sync ("Missing: …").
// Run after any dependency change: adds os/cpu-tagged optional entries that npm skips on this platform.
/* global console */
import fs from 'node:fs';
const lock = JSON.parse(fs.readFileSync('package-lock.json', 'utf8'));
const pk = lock.packages;
let added = 0;
for (const entry of Object.values(pk)) {
  const opt = entry.optionalDependencies ?? {};
  for (const [name, spec] of Object.entries(opt)) {
    const k = `node_modules/${name}`;
    if (pk[k]) continue;
    const version = spec.replace(/^[\^~=]/, '');
    const osm = /-(android|darwin|freebsd|linux|win32|openharmony|netbsd|openbsd|sunos|aix)-/.exec(name);
    const cpum = /-(arm64|x64|ia32|arm|riscv64|ppc64|s390x|loong64|mips64el|wasm32)(-|$)/.exec(name);
    const e = { version, cpu: cpum ? [cpum[1]] : undefined, optional: true, os: osm ? [osm[1]] : undefined };
    if (name.includes('-musl')) e.libc = ['musl'];
    else if (name.includes('-gnu')) e.libc = ['glibc'];
    if (!osm && !cpum) continue;
    pk[k] = JSON.parse(JSON.stringify(e));
    added++;
  }
}
fs.writeFileSync('package-lock.json', JSON.stringify(lock, null, 2) + '\n');
console.log('added', added);
