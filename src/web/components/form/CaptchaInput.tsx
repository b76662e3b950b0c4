import { useCallback, useEffect, useRef, useState, type ChangeEvent } from 'react';
import Input from 'antd/es/input';
import './form.css';
import { api } from '../api';
import type { FormControlProps } from './control';
import type { CaptchaImage } from '../../../shared/schemas/security';

export interface Captcha {
  /** The id to send with the answer; undefined while none is loaded. */
  id: string | undefined;
  image: string | undefined;
  status: 'loading' | 'ready' | 'error';
  /** Issue a new captcha (after every use or failure, and for 【看不清，换一张】). */
  refresh: () => void;
}

/**
 * A graphic captcha from `GET /api/captcha`, issued when the form shows. Only the answer to
 * the newest request is kept, so the image shown is always the newest one asked for.
 */
export function useCaptcha(): Captcha {
  const [current, setCurrent] = useState<CaptchaImage | null>(null);
  const [status, setStatus] = useState<Captcha['status']>('loading');
  const latest = useRef<AbortController | null>(null);

  const refresh = useCallback(() => {
    latest.current?.abort();
    const controller = new AbortController();
    latest.current = controller;
    setStatus('loading');
    api
      .get<CaptchaImage>('/api/captcha', { signal: controller.signal })
      .then((next) => {
        if (latest.current !== controller) return;
        setCurrent(next);
        setStatus('ready');
      })
      .catch(() => {
        if (latest.current !== controller) return;
        setCurrent(null);
        setStatus('error');
      });
  }, []);

  useEffect(() => {
    refresh();
    return () => latest.current?.abort();
  }, [refresh]);

  return { id: current?.captchaId, image: current?.image, status, refresh };
}

export interface CaptchaInputProps extends FormControlProps {
  captcha: Captcha;
}

/**
 * The 图形验证码 control for `<Form.Item label="图形验证码" name="captchaAnswer">`: the
 * answer input (it gets the Form.Item's id, so the label belongs to it), the image and the
 * 【看不清，换一张】 link. Refreshing empties the answer.
 */
export function CaptchaInput({ captcha, ...control }: CaptchaInputProps) {
  function another() {
    captcha.refresh();
    control.onChange?.({ target: { value: '' } } as ChangeEvent<HTMLInputElement>);
  }

  return (
    <div className="captcha-input">
      <Input
        {...control}
        maxLength={10}
        autoComplete="off"
        autoCapitalize="off"
        spellCheck={false}
        placeholder="请输入右侧字符"
        className="captcha-input__field"
      />
      <span className="captcha-input__image" aria-live="polite">
        {captcha.status === 'ready' && captcha.image ? (
          <img
            src={captcha.image}
            alt="图形验证码图片"
            width={120}
            height={40}
            data-captcha-id={captcha.id}
            onClick={another}
          />
        ) : (
          <span className="captcha-input__placeholder">{captcha.status === 'error' ? '加载失败' : '加载中…'}</span>
        )}
      </span>
      <a
        href="#"
        className="captcha-input__refresh"
        onClick={(event) => {
          event.preventDefault();
          another();
        }}
      >
        看不清，换一张
      </a>
    </div>
  );
}
