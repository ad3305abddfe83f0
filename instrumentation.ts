// Runs once when the Next server boots: fail fast on a bad environment.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { env } = await import("./server/env.ts");
    env();
  }
}
