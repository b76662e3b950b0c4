import svgCaptcha from 'svg-captcha';

export interface CaptchaImage {
  svg: string;
  answer: string;
}

export interface CaptchaGenerator {
  create(): CaptchaImage;
  /** Development only: the answer of the newest image (GET /__dev/captcha/latest). */
  latestAnswer(): string | null;
}

// No 0/O, 1/I/l: people type what they see, case-insensitively.
const CHARSET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function svgCaptchaGenerator(): CaptchaGenerator {
  let latest: string | null = null;
  return {
    create() {
      const { data, text } = svgCaptcha.create({
        size: 4,
        charPreset: CHARSET,
        noise: 2,
        color: true,
        background: '#f3f6fb',
        width: 120,
        height: 40,
      });
      latest = text;
      return { svg: data, answer: text };
    },
    latestAnswer: () => latest,
  };
}
