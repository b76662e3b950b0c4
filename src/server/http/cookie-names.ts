import type { AppEnv } from '../config.js';

/**
 * Cookie name prefixes in production (browsers enforce them): `__Host-` for cookies of the whole
 * site (Secure, Path=/, no Domain), so no other host of the domain can set or shadow them;
 * `__Secure-` for cookies scoped to a path, where `__Host-` is not allowed.
 */
export function hostCookieName(name: string, appEnv: AppEnv): string {
  return appEnv === 'production' ? `__Host-${name}` : name;
}

export function secureCookieName(name: string, appEnv: AppEnv): string {
  return appEnv === 'production' ? `__Secure-${name}` : name;
}
