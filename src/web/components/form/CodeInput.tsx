import { useCallback, useEffect, useState } from 'react';
import Button from 'antd/es/button';
import Input from 'antd/es/input';
import type { FormControlProps } from './control';
import './form.css';

/** Seconds before a code may be asked for again (validators.md). */
const RESEND_SECONDS = 60;

/**
 * A countdown in whole seconds: `start(60)` → 60, 59, … 1, 0. Computed from a deadline so
 * that throttled timers in a background tab do not slow it down.
 */
function useCountdown() {
  const [deadline, setDeadline] = useState(0);
  const [remaining, setRemaining] = useState(0);

  useEffect(() => {
    if (deadline === 0) return undefined;
    const tick = () => {
      const left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
      setRemaining(left);
      if (left === 0) setDeadline(0);
    };
    tick();
    const timer = window.setInterval(tick, 250);
    return () => window.clearInterval(timer);
  }, [deadline]);

  const start = useCallback((seconds: number = RESEND_SECONDS) => {
    setRemaining(seconds);
    setDeadline(Date.now() + seconds * 1000);
  }, []);

  return { remaining, start };
}

export interface CodeInputProps extends FormControlProps {
  /** Sends the code; resolves true when it was sent (the countdown then starts). */
  onSend: () => Promise<boolean>;
  /** Button text when a code can be asked for: 获取验证码 or 发送邮箱验证码. */
  sendText?: string;
  /** Button text during the countdown. */
  countdownText?: (seconds: number) => string;
}

/**
 * The 短信验证码 / 邮箱验证码 control for a Form.Item: a 6-digit input (it gets the
 * Form.Item's id) and the send button, which is disabled and counts down
 * "重新获取（60s）" … "重新获取（1s）" after a code was sent.
 */
export function CodeInput({ onSend, sendText = '获取验证码', countdownText = (s) => `重新获取（${s}s）`, ...control }: CodeInputProps) {
  const { remaining, start } = useCountdown();
  const [sending, setSending] = useState(false);

  async function send() {
    if (sending) return;
    setSending(true);
    try {
      if (await onSend()) start(RESEND_SECONDS);
    } finally {
      setSending(false);
    }
  }

  return (
    <div className="code-input">
      <Input {...control} maxLength={6} inputMode="numeric" autoComplete="one-time-code" placeholder="6位数字" className="code-input__field" />
      {/* Not antd's `loading`: when sending ends within a frame or two (the captcha check fails
          at once) its spinner's leave transition never ends and "loading" stays in the
          button's accessible name ("loading 获取验证码") for good. */}
      <Button
        className="code-input__send"
        disabled={control.disabled || remaining > 0}
        aria-busy={sending || undefined}
        icon={sending ? <span className="code-input__spinner" aria-hidden="true" /> : undefined}
        onClick={() => void send()}
      >
        {remaining > 0 ? countdownText(remaining) : sendText}
      </Button>
    </div>
  );
}
