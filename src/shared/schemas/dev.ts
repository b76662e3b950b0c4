import { z } from 'zod';

/** Development and test tooling (spec README, "Development outbox"); never in production. */

/** `GET /__dev/outbox`: messages newest first. */
export const outboxResponse = z.array(
  z.object({ channel: z.enum(['sms', 'email']), to: z.string(), subject: z.string(), text: z.string(), code: z.string().nullable(), sentAt: z.string() }),
);

/** `GET /__dev/captcha/latest`. */
export const captchaAnswerResponse = z.object({ answer: z.string().nullable() });

/** `GET /__dev/registry/pick?qualification=…`: one registry enterprise no account holds. */
export const pickQualifications = ['none', 'valid', 'kjx-expired'] as const;
export type PickQualification = (typeof pickQualifications)[number];
export const registryPickResponse = z.object({
  name: z.string(),
  uscc: z.string(),
  legalRep: z.string(),
  legalRepIdNumber: z.string(),
  qualification: z.enum(pickQualifications),
});
export type PickedEnterprise = z.infer<typeof registryPickResponse>;
