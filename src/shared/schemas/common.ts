import { z } from 'zod';

/** Pieces that several forms share. Messages are what people read next to the field. */
const zCaptchaId = z.string({ error: '请刷新图形验证码' }).min(1, '请刷新图形验证码').max(64, '请刷新图形验证码');
export const zCaptchaAnswer = z.string({ error: '请输入图形验证码' }).trim().min(1, '请输入图形验证码').max(10, '图形验证码错误');
export const zSmsCode = z.string({ error: '请输入短信验证码' }).trim().regex(/^\d{6}$/, '请输入6位短信验证码');
export const zEmailCode = z.string({ error: '请输入邮箱验证码' }).trim().regex(/^\d{6}$/, '请输入6位邮箱验证码');
/** A password being typed to prove who one is (not checked against the policy). */
export const zCurrentPassword = z.string({ error: '请输入密码' }).min(1, '请输入密码').max(128, '密码错误');

export const captchaFields = { captchaId: zCaptchaId, captchaAnswer: zCaptchaAnswer };

/** Typed identifiers never contain control characters (NUL cannot even be stored by PostgreSQL). */
export const hasNoControlChars = (value: string) => !/[\u0000-\u001f\u007f]/.test(value);

/** Answers shared by many routes. Declared as `schema.response` they also drop any field not listed. */
export const okResponse = z.object({ ok: z.literal(true) });
/** An action whose answer is a sentence for the person (the same whether or not an account matched). */
export const okMessageResponse = z.object({ ok: z.literal(true), message: z.string() });
export type OkMessage = z.infer<typeof okMessageResponse>;
export const loggedOutResponse = z.object({ loggedIn: z.literal(false) });
/** A file sent as it is stored (never serialized). */
export const fileResponse = z.custom<Uint8Array<ArrayBufferLike>>((value) => value instanceof Uint8Array).meta({ type: 'string', format: 'binary' });
/** An answer without a body: a redirect (the Location header says where) or an acknowledgement. */
export const emptyResponse = z.undefined();
