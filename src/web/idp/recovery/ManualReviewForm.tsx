import { Alert, Form, Input } from 'antd';
import { z } from 'zod';
import { api } from '../../components/api';
import { ChoiceGroup } from '../../components/form/ChoiceGroup';
import { Field } from '../../components/form/Field';
import { EnterpriseFields, PersonFields } from '../../components/form/IdentityFields';
import { SubmitButton, SubmitForm, useSubmitState } from '../../components/form/SubmitForm';
import { chosenFile, UploadField } from '../../components/form/UploadField';
import { UPLOAD_HINT } from '../../components/form/uploadCheck';
import { manualReviewFieldsSchema, manualReviewFileRoles, type MobileChangeFiled } from '../../../shared/schemas/recovery';
import { reviewFileLabels } from '../../../shared/review-labels';
import { USER_TYPE_LABELS, USER_TYPES, type UserType } from '../../../shared/account-labels';
import { zEnterpriseName, zUscc } from '../../../shared/validators/index';
import type { MobileChangeDone, MobileChangeFlow } from './flow';
import { NewMobileFields, runInFlow } from './shared';

const fieldsSchema = manualReviewFieldsSchema(() => new Date());
/** 企业名称 and 统一社会信用代码 (法人 only; the shared schema checks them in a refinement). */
const legalSchema = z.object({ enterpriseName: zEnterpriseName, uscc: zUscc });

type FileRole = (typeof manualReviewFileRoles)[number];

type ManualValues = {
  accountType: UserType;
  newMobile: string;
  captchaAnswer?: string;
  smsCode: string;
  applicantName: string;
  applicantIdNumber: string;
  enterpriseName?: string;
  uscc?: string;
  description?: string;
} & Partial<Record<FileRole, Parameters<typeof chosenFile>[0]>>;

const TEMPLATE_URL = '/api/uc/mobile-change/authorization-template';
/** Required for 法人 (the 授权委托书 only when the applicant is not the legal representative). */
const REQUIRED_FOR_LEGAL: FileRole[] = ['businessLicense', 'legalRepIdFront', 'legalRepIdBack'];

/**
 * 【人工核验】: the applicant's details and, for 法人, the enterprise and its documents; an
 * operator decides in the 管理端. The answer is the same whether or not an account matched.
 */
export function ManualReviewForm({ flow, onExpired, onDone }: { flow: MobileChangeFlow; onExpired: () => void; onDone: (done: MobileChangeDone) => void }) {
  const state = useSubmitState<ManualValues>();
  const accountType = Form.useWatch('accountType', state.form) ?? 'legal';
  // Step 1 by USCC: the same code is most likely the enterprise's.
  const initialUscc = zUscc.safeParse(flow.identifier).success ? flow.identifier.toUpperCase() : undefined;

  async function submit(values: ManualValues) {
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
        const file = chosenFile(values[role]);
        if (file) data.append(role, file, file.name);
      }
    }
    const res = await runInFlow(onExpired, () => api.post<MobileChangeFiled>('/api/uc/mobile-change/manual', data));
    onDone({ kind: 'manual', message: res.message, acceptanceNo: res.acceptanceNo, newMobile });
  }

  const upload = (role: FileRole) => <UploadField key={role} label={reviewFileLabels[role]} name={role} required={REQUIRED_FOR_LEGAL.includes(role)} />;

  return (
    <SubmitForm state={state} name="mobile-change-manual" initialValues={{ accountType: 'legal', uscc: initialUscc }} onSubmit={submit} leaves>
      <ChoiceGroup
        id="manual-account-type"
        label="账号类型"
        name="accountType"
        options={USER_TYPES.map((value) => ({ value, label: USER_TYPE_LABELS[value] }))}
        help={accountType === 'legal' ? '企业账号请选择【法人】，并上传营业执照和法定代表人身份证。' : '个人账号请选择【自然人】，申请人须为账号实名认证的本人。'}
      />
      <NewMobileFields flow={flow} onExpired={onExpired} schema={fieldsSchema} extra="审核结果将以短信形式发送至该手机号" />
      <PersonFields schema={fieldsSchema} applicant />
      {accountType === 'legal' ? (
        <>
          <EnterpriseFields schema={legalSchema} />
          <Alert
            className="form-alert"
            type="info"
            showIcon
            message="请上传以下材料"
            description="营业执照、法定代表人身份证正面和反面为必传材料；申请人不是法定代表人的，还须上传加盖企业公章的授权委托书。"
          />
          {upload('businessLicense')}
          {upload('legalRepIdFront')}
          {upload('legalRepIdBack')}
          <UploadField
            label={reviewFileLabels.authorization}
            name="authorization"
            extra={
              <>
                申请人不是法定代表人时上传，{UPLOAD_HINT}。
                <a href={TEMPLATE_URL} download>
                  下载授权委托书模板
                </a>
              </>
            }
          />
        </>
      ) : null}
      <Field label="说明" name="description" schema={fieldsSchema} optional extra="可简要说明修改原因，如原手机号已停用">
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Field>
      <SubmitButton>提交申请</SubmitButton>
      <p className="recovery-note">提交的材料仅用于本次核验，审核结果将以短信形式发送至新手机号。</p>
    </SubmitForm>
  );
}
