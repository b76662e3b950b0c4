/**
 * Pads an enumeration-sensitive response (登录, 忘记密码, 手机号修改) to a minimum duration,
 * so that known and unknown accounts take the same time. Real time on purpose: this is
 * about what an attacker measures, not about business time.
 */
export async function padToFloor<T>(floorMs: number, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    const left = floorMs - (performance.now() - started);
    if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
  }
}
