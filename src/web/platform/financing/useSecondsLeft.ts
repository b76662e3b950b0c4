import { useEffect, useState } from 'react';

/**
 * Whole seconds left until `seconds` after the component mounted (10, 9, … 1, 0), computed
 * from a deadline so that a throttled timer in a background tab does not slow it down.
 */
export function useSecondsLeft(seconds: number): number {
  const [deadline] = useState(() => Date.now() + seconds * 1000);
  const [left, setLeft] = useState(seconds);
  useEffect(() => {
    const tick = () => {
      const now = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
      setLeft(now);
      return now;
    };
    if (tick() === 0) return undefined;
    const timer = window.setInterval(() => {
      if (tick() === 0) window.clearInterval(timer);
    }, 250);
    return () => window.clearInterval(timer);
  }, [deadline]);
  return left;
}
