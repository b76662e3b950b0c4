import type { ReviewKind } from '../../db/schema.js';
import { bindPayload, type ReviewOfKind } from '../kind.js';
import { mobileChange } from './mobile-change.js';
import { realname } from './realname.js';

/** The 人工核验 kinds: a new kind is one more module here (and its name in ReviewKind). */
const kinds: { [K in ReviewKind]: (payload: unknown) => ReviewOfKind } = {
  mobile_change: (payload) => bindPayload(mobileChange, payload),
  realname: (payload) => bindPayload(realname, payload),
};

/** A request's kind with its payload checked against that kind's schema. */
export function reviewOfKind(kind: ReviewKind, payload: unknown): ReviewOfKind {
  return kinds[kind](payload);
}
