import net from 'node:net';
import type { Limits } from '../config.js';
import type { StateStore } from './state-store.js';

export type LoginThrottleLimits = Pick<Limits, 'loginMaxFailures' | 'lockoutMinutes' | 'ipLoginMaxFailures' | 'ipLockoutMinutes'>;

/**
 * Failed-login bookkeeping for a login form, kept in the state store so that every app
 * process counts alike: a lockout per typed identifier (known or unknown, so that the lockout
 * tells nothing), and a throttle per client address across all identifiers (one address
 * trying many names). `scope` keeps the forms apart ('login' for accounts, 'admin' for
 * operators).
 */
export function createLoginThrottle(store: StateStore, limits: LoginThrottleLimits, scope: string) {
  const minutes = (n: number) => n * 60_000;
  const failKey = (identifier: string) => `${scope}:fail:${identifier}`;
  const lockKey = (identifier: string) => `${scope}:lock:${identifier}`;
  const addressFailKey = (ip: string) => `${scope}:ipfail:${addressKey(ip)}`;
  const addressLockKey = (ip: string) => `${scope}:iplock:${addressKey(ip)}`;

  return {
    /** Checked before the identifier is looked up, so the refusal is the same for every account. */
    async addressRefused(ip: string): Promise<boolean> {
      return (await store.get(addressLockKey(ip))) !== null;
    },

    async identifierLocked(identifier: string): Promise<boolean> {
      return (await store.get(lockKey(identifier))) !== null;
    },

    /**
     * Counts a wrong password (or unknown identifier) against both. `lockedNow` when this
     * failure locked the identifier, `addressRefusedNow` when it made the address wait.
     */
    async recordFailure(identifier: string, ip: string): Promise<{ failures: number; lockedNow: boolean; addressRefusedNow: boolean }> {
      const addressFailures = await store.increment(addressFailKey(ip), minutes(limits.ipLockoutMinutes));
      const addressRefusedNow = addressFailures === limits.ipLoginMaxFailures;
      if (addressFailures >= limits.ipLoginMaxFailures) await store.set(addressLockKey(ip), '1', minutes(limits.ipLockoutMinutes));
      const failures = await store.increment(failKey(identifier), minutes(limits.lockoutMinutes));
      const lockedNow = failures >= limits.loginMaxFailures;
      if (lockedNow) {
        await store.set(lockKey(identifier), '1', minutes(limits.lockoutMinutes));
        await store.delete(failKey(identifier));
      }
      return { failures, lockedNow, addressRefusedNow };
    },

    /**
     * Ends the identifier's run of failures. The address count stays: one account that
     * logs in now and then must not let the same address try other names without end.
     */
    async recordSuccess(identifier: string): Promise<void> {
      await store.delete(failKey(identifier));
    },

    /** Lifts the identifier's lockout (a password reset). */
    async unlock(identifier: string): Promise<void> {
      await store.delete(lockKey(identifier));
      await store.delete(failKey(identifier));
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;

/**
 * Whom the address throttle counts: an IPv4 address, or for IPv6 the /64 network, because a
 * single IPv6 host is normally handed a whole /64 and could otherwise use a new address per try.
 */
export function addressKey(ip: string): string {
  const mappedIpv4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mappedIpv4) return mappedIpv4[1];
  if (!net.isIPv6(ip)) return ip;
  return `${ipv6Groups(ip).slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, without leading zeros. */
function ipv6Groups(ip: string): string[] {
  let address = ip.split('%')[0];
  const dotted = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number);
    address = `${address.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = address.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - headGroups.length - tailGroups.length).fill('0');
  return [...headGroups, ...zeros, ...tailGroups].map((group) => parseInt(group, 16).toString(16));
}
