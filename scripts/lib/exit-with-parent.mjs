// Preloaded (`node --import`) into the simulated rack that `npm start` runs: when npm start
// dies without stopping it (SIGKILL), the simulator stops itself instead of holding its ports.
// SIGTERM takes the simulator's own clean stop path (sim/main.ts).
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.kill(process.pid, "SIGTERM");
}, 500).unref();
