// Preloaded (`node --import`) into every child `npm start` runs (the simulated racks, the seed
// scripts, migrations, `next build`): when npm start dies without stopping it (SIGKILL), the
// child stops itself instead of holding its ports or working for nobody. SIGTERM takes the
// child's own clean stop path (sim/main.ts stops its servers).
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.kill(process.pid, "SIGTERM");
}, 250).unref();
