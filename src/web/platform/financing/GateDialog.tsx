import { Button, Modal } from 'antd';
import { Link } from 'react-router';
import { GATE_MESSAGES, NOT_ELIGIBLE_HELP } from '../../../shared/schemas/registration';
import { ENTERPRISE_PATHS } from './links';

/** Why 【去登记】 stops before the 提示事项 (flows.md 融资服务专区 → 【去登记】, steps 2–4). */
export type GateStop = 'natural' | 'not-eligible' | 'incomplete';

const MESSAGES: Record<GateStop, string> = {
  natural: GATE_MESSAGES.natural,
  'not-eligible': GATE_MESSAGES.notEligible,
  incomplete: GATE_MESSAGES.incomplete,
};

export interface GateDialogProps {
  stop: GateStop;
  /** The server's message (the same texts), when it sent one. */
  message?: string | null;
  /** 【确定】: back to the home page, or (incomplete) to the 企业信息 edit page. */
  onOk: () => void;
}

/** The dialog of a stop in the 【去登记】 gate, with 【确定】 (and 【认定情况】 when not open). */
export function GateDialog({ stop, message, onOk }: GateDialogProps) {
  return (
    <Modal
      open
      title="提示"
      closable={false}
      maskClosable={false}
      keyboard={false}
      centered
      footer={
        <Button type="primary" onClick={onOk} autoFocus>
          确定
        </Button>
      }
    >
      <p className="gate-dialog__message">{message || MESSAGES[stop]}</p>
      {stop === 'natural' ? (
        <p className="gate-dialog__help">
          自然人账户不能办理企业业务。如需登记，请重新注册账号，并在【账号设置】→【实名认证】中选择【法人】完成实名认证。
        </p>
      ) : null}
      {stop === 'not-eligible' ? (
        <div className="gate-dialog__help">
          {NOT_ELIGIBLE_HELP.map((p) => (
            <p key={p}>{p}</p>
          ))}
          <p>
            <Link to={ENTERPRISE_PATHS.qualifications}>认定情况</Link>
          </p>
        </div>
      ) : null}
      {stop === 'incomplete' ? (
        <p className="gate-dialog__help">企业首次进入本平台，尚未完善基本信息。请点击【确定】完善企业基本信息后，再回到平台首页点击【融资服务专区】【去登记】。</p>
      ) : null}
    </Modal>
  );
}
