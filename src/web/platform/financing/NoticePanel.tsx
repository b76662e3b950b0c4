import { useState } from 'react';
import { App, Button, Checkbox } from 'antd';
import { errorMessage } from '../../components/api';
import { useSecondsLeft } from './useSecondsLeft';

import { CONSENT_LABEL, NOTICE_READ_SECONDS } from '../../../shared/schemas/registration';

/** Plain text with paragraphs separated by blank lines → paragraphs (never HTML). */
function paragraphs(text: string): string[] {
  return text
    .split(/\r?\n[ \t\u3000]*\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

export interface NoticePanelProps {
  title: string;
  /** The checkbox label the server sent (flows.md: "同意将本企业登记信息推送至合作金融机构"). */
  consentLabel?: string;
  /** A new notice version changed the data use: the former consent no longer counts. */
  askAgain?: boolean;
  /** The notice text from the server (plain text). */
  text: string;
  /** The enterprise's current consent (the box shows it). */
  consent: boolean;
  /** Sends a change of the consent; throws when the server refused it. */
  onConsentChange: (consent: boolean) => Promise<unknown>;
  /** 【关闭】 after the countdown: opens the form. */
  onClose: () => void;
}

/**
 * 【提示事项】: the notice text, the optional consent checkbox (its current state; a change is
 * sent at once) and 【关闭】, disabled as "关闭（10s）" … "关闭（1s）" for ten seconds.
 */
export function NoticePanel({ title, consentLabel = CONSENT_LABEL, askAgain, text, consent, onConsentChange, onClose }: NoticePanelProps) {
  const { message } = App.useApp();
  const left = useSecondsLeft(NOTICE_READ_SECONDS);
  const [checked, setChecked] = useState(consent);
  const [sending, setSending] = useState(false);

  async function change(next: boolean) {
    if (sending) return;
    setChecked(next);
    setSending(true);
    try {
      await onConsentChange(next);
      void message.success(next ? '已同意推送至合作金融机构' : '已取消推送至合作金融机构');
    } catch (error) {
      setChecked(!next);
      void message.error(errorMessage(error));
    } finally {
      setSending(false);
    }
  }

  return (
    <section className="financing-notice" aria-labelledby="financing-notice-title">
      <h1 className="financing-notice__title" id="financing-notice-title">
        {title}
      </h1>
      <div className="financing-notice__body">
        {paragraphs(text).map((p, i) => (
          <p key={i}>{p}</p>
        ))}
      </div>
      <div className="financing-notice__consent">
        <Checkbox checked={checked} disabled={sending} onChange={(e) => void change(e.target.checked)}>
          {consentLabel}
        </Checkbox>
        {askAgain ? <p className="financing-notice__ask-again">提示事项中的数据使用说明已更新，如仍同意推送，请重新勾选。</p> : null}
        <p className="financing-notice__consent-help" id="financing-notice-consent-help">
          本项为自愿选择，不影响登记和积分。勾选后，合作金融机构可查看本企业已提交的登记信息（含联系人、联系人手机）；可随时取消勾选。
        </p>
      </div>
      <div className="financing-notice__actions">
        <Button type="primary" size="large" disabled={left > 0} onClick={onClose} aria-describedby={left > 0 ? 'financing-notice-wait' : undefined}>
          {left > 0 ? `关闭（${left}s）` : '关闭'}
        </Button>
        {left > 0 ? (
          <p className="financing-notice__wait" id="financing-notice-wait">
            请仔细阅读提示事项，{NOTICE_READ_SECONDS}秒后可关闭并开始填报。
          </p>
        ) : null}
      </div>
    </section>
  );
}
