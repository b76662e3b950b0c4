import { useState, type ReactNode } from 'react';
import { Alert, Button, Form, Input, Radio, Upload, type UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { z } from 'zod';
import { api } from '../../components/api';
import { CaptchaInput, useCaptcha } from '../../components/CaptchaInput';
import { CodeInput } from '../../components/CodeInput';
import { checkRule, isEmpty, revalidateOnChange, showApiError, zodRule } from '../../components/formRules';
import { manualReviewFieldsSchema, manualReviewFileRoles } from '../../../shared/schemas/recovery';
import { reviewFileLabels } from '../../../shared/review-labels';
import { zEnterpriseName, zUscc } from '../../../shared/validators/index';
import { FormAlert, formProps } from '../forms';
import { sendCodeWithCaptcha } from '../sendCode';
import type { MobileChangeDone, MobileChangeFlow } from './flow';
import { UPLOAD_HINT, uploadFileList, uploadProblem } from '../../components/uploadCheck';
import { runInFlow, SubmitButton } from './shared';

const fieldsSchema = manualReviewFieldsSchema(() => new Date());
/** 企业名称 and 统一社会信用代码 (法人 only; the shared schema checks them in a refinement). */
const legalSchema = z.object({ enterpriseName: zEnterpriseName, uscc: zUscc });

type AccountType = 'legal' | 'natural';
type FileRole = (typeof manualReviewFileRoles)[number];

interface ManualValues {
  accountType: AccountType;
  newMobile: string;
  captchaAnswer?: string;
  smsCode: string;
  applicantName: string;
  applicantIdNumber: string;
  enterpriseName?: string;
  uscc?: string;
  businessLicense?: UploadFile[];
  legalRepIdFront?: UploadFile[];
  legalRepIdBack?: UploadFile[];
  authorization?: UploadFile[];
  description?: string;
}

const TEMPLATE_URL = '/api/uc/mobile-change/authorization-template';
/** Required for 法人 (the 授权委托书 only when the applicant is not the legal representative). */
const REQUIRED_FOR_LEGAL: FileRole[] = ['businessLicense', 'legalRepIdFront', 'legalRepIdBack'];

/**
 * 【人工核验】: the applicant's details and, for 法人, the enterprise and its documents; an
 * operator decides in the 管理端. The answer is the same whether or not an account matched.
 */
export function ManualReviewForm({ flow, onExpired, onDone }: { flow: MobileChangeFlow; onExpired: () => void; onDone: (done: MobileChangeDone) => void }) {
  const [form] = Form.useForm<ManualValues>();
  const captcha = useCaptcha();
  const accountType = Form.useWatch('accountType', form) ?? 'legal';
  const [alert, setAlert] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const inFlow = <T,>(request: () => Promise<T>) => runInFlow(onExpired, request);
  // Step 1 by USCC: the same code is most likely the enterprise's.
  const initialUscc = zUscc.safeParse(flow.identifier).success ? flow.identifier.toUpperCase() : undefined;

  const sendCode = () =>
    sendCodeWithCaptcha({
      form,
      captcha,
      fields: ['newMobile'],
      setAlert,
      send: (c) =>
        inFlow(() =>
          api.post('/api/uc/mobile-change/new-mobile-code', { flowToken: flow.flowToken, newMobile: String(form.getFieldValue('newMobile') ?? '').trim(), ...c }),
        ),
    });

  async function submit(values: ManualValues) {
    if (submitting) return;
    setAlert(null);
    setSubmitting(true);
    const newMobile = values.newMobile.trim();
    const data = new FormData();
    // Text fields first, then the files (the server reads the parts in order).
    data.append('flowToken', flow.flowToken);
    data.append('accountType', values.accountType);
    data.append('newMobile', newMobile);
    data.append('smsCode', values.smsCode.trim());
    data.append('applicantName', values.applicantName.trim());
    data.append('applicantIdNumber', values.applicantIdNumber.trim());
    if (values.accountType === 'legal') {
      data.append('enterpriseName', (values.enterpriseName ?? '').trim());
      data.append('uscc', (values.uscc ?? '').trim());
    }
    data.append('description', (values.description ?? '').trim());
    if (values.accountType === 'legal') {
      for (const role of manualReviewFileRoles) {
        const file = values[role]?.[0]?.originFileObj;
        if (file) data.append(role, file, file.name);
      }
    }
    try {
      const res = await inFlow(() => api.post<{ ok: true; acceptanceNo: string; message: string }>('/api/uc/mobile-change/manual', data));
      onDone({ kind: 'manual', message: res.message, acceptanceNo: res.acceptanceNo, newMobile });
    } catch (error) {
      setAlert(showApiError(form, error));
      setSubmitting(false);
    }
  }

  // A refused file also takes the place of the one chosen before: the field shows the refusal only.
  const beforeUpload = (role: FileRole) => async (file: File) => {
    const problem = await uploadProblem(file);
    if (problem) {
      form.setFields([{ name: role, value: [], errors: [problem] }]);
      return Upload.LIST_IGNORE;
    }
    return false; // sent with the form
  };

  function uploadItem(role: FileRole, extra: ReactNode = UPLOAD_HINT) {
    const label = reviewFileLabels[role];
    const required = REQUIRED_FOR_LEGAL.includes(role);
    return (
      <Form.Item
        key={role}
        label={label}
        name={role}
        required={required}
        valuePropName="fileList"
        getValueFromEvent={uploadFileList<UploadFile>}
        validateTrigger="onChange"
        rules={required ? [checkRule((value) => (isEmpty(value) ? `请上传${label}` : null))] : []}
        extra={extra}
      >
        <Upload beforeUpload={beforeUpload(role)} maxCount={1} accept=".jpg,.jpeg,.png,.pdf">
          <Button icon={<UploadOutlined />}>选择{label}文件</Button>
        </Upload>
      </Form.Item>
    );
  }

  return (
    <Form
      form={form}
      name="mobile-change-manual"
      {...formProps}
      initialValues={{ accountType: 'legal', uscc: initialUscc }}
      onFinish={submit}
      onValuesChange={revalidateOnChange(form)}
    >
      <FormAlert message={alert} />
      <div className="user-type">
        <span className="user-type__label" id="manual-account-type">
          账号类型
        </span>
        <div role="radiogroup" aria-labelledby="manual-account-type">
          <Form.Item name="accountType" noStyle>
            <Radio.Group
              className="user-type__options"
              options={[
                { value: 'legal', label: '法人' },
                { value: 'natural', label: '自然人' },
              ]}
            />
          </Form.Item>
        </div>
        <p className="user-type__help">
          {accountType === 'legal'
            ? '企业账号请选择【法人】，并上传营业执照和法定代表人身份证。'
            : '个人账号请选择【自然人】，申请人须为账号实名认证的本人。'}
        </p>
      </div>
      <Form.Item label="新手机号" name="newMobile" required rules={[zodRule(fieldsSchema, 'newMobile', '请输入新手机号')]} extra="审核结果将以短信形式发送至该手机号">
        <Input type="tel" inputMode="tel" autoComplete="tel" maxLength={20} />
      </Form.Item>
      <Form.Item label="图形验证码" name="captchaAnswer" required extra="获取短信验证码前请先输入图形验证码">
        <CaptchaInput captcha={captcha} />
      </Form.Item>
      <Form.Item label="短信验证码" name="smsCode" required rules={[zodRule(fieldsSchema, 'smsCode', '请输入短信验证码')]}>
        <CodeInput onSend={sendCode} />
      </Form.Item>
      <Form.Item label="申请人姓名" name="applicantName" required rules={[zodRule(fieldsSchema, 'applicantName', '请输入申请人姓名')]}>
        <Input maxLength={50} autoComplete="name" />
      </Form.Item>
      <Form.Item label="申请人身份证号码" name="applicantIdNumber" required rules={[zodRule(fieldsSchema, 'applicantIdNumber', '请输入申请人身份证号码')]}>
        <Input maxLength={18} spellCheck={false} autoComplete="off" />
      </Form.Item>
      {accountType === 'legal' ? (
        <>
          <Form.Item label="企业名称" name="enterpriseName" required rules={[zodRule(legalSchema, 'enterpriseName', '请输入企业名称')]}>
            <Input maxLength={100} autoComplete="organization" />
          </Form.Item>
          <Form.Item label="统一社会信用代码" name="uscc" required rules={[zodRule(legalSchema, 'uscc', '请输入统一社会信用代码')]} extra="18位，见营业执照">
            <Input maxLength={24} autoCapitalize="characters" spellCheck={false} autoComplete="off" />
          </Form.Item>
          <Alert
            className="form-alert"
            type="info"
            showIcon
            message="请上传以下材料"
            description="营业执照、法定代表人身份证正面和反面为必传材料；申请人不是法定代表人的，还须上传加盖企业公章的授权委托书。"
          />
          {uploadItem('businessLicense')}
          {uploadItem('legalRepIdFront')}
          {uploadItem('legalRepIdBack')}
          {uploadItem(
            'authorization',
            <>
              申请人不是法定代表人时上传，{UPLOAD_HINT}。
              <a href={TEMPLATE_URL} download>
                下载授权委托书模板
              </a>
            </>,
          )}
        </>
      ) : null}
      <Form.Item label="说明" name="description" rules={[zodRule(fieldsSchema, 'description')]} extra="可简要说明修改原因，如原手机号已停用">
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
      <Form.Item className="form-actions">
        <SubmitButton busy={submitting}>提交申请</SubmitButton>
      </Form.Item>
      <p className="recovery-note">提交的材料仅用于本次核验，审核结果将以短信形式发送至新手机号。</p>
    </Form>
  );
}
