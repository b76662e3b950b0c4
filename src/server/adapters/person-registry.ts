import type { Clock } from '../clock.js';
import { validateIdNumber, validatePersonName } from '../../shared/validators/index.js';

/** The identity check for 自然人 (a national ID verification service in production). */
export interface PersonRegistry {
  verify(claim: { name: string; idNumber: string }): Promise<boolean>;
}

/** Development stand-in: any Chinese name of 2–20 characters with a valid ID number. */
export function devPersonRegistry(clock: Clock): PersonRegistry {
  return {
    async verify({ name, idNumber }) {
      return validatePersonName(name).ok && validateIdNumber(idNumber, clock.now()).ok;
    },
  };
}
