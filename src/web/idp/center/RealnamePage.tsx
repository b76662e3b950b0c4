import { useState, type ReactNode } from 'react';
import { Alert, Descriptions, Form, Input, Select, type DescriptionsProps, type SelectProps, type UploadFile } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, isApiError } from '../../components/api';
import { ChoiceGroup } from '../../components/form/ChoiceGroup';
import { DocumentCodeInput, Field } from '../../components/form/Field';
import { EnterpriseFields, PersonFields } from '../../components/form/IdentityFields';
import { checkRule, firstIssue, isEmpty } from '../../components/form/rules';
import { SubmitButton, SubmitForm, useSubmitState } from '../../components/form/SubmitForm';
import { chosenFile, UploadField } from '../../components/form/UploadField';
import { UPLOAD_HINT } from '../../components/form/uploadCheck';
import { errorMessages } from '../../../shared/errors';
import { realnameLegalSchema, realnameManualFieldsSchema, realnameNaturalSchema, type RealnameManualFiled } from '../../../shared/schemas/realname';
import { ID_TYPE_LABELS, ID_TYPES, USER_TYPES, type IdType } from '../../../shared/account-labels';
import { ROUTES } from '../links';
import { SUPPORT_LINE, ucMeQuery, USER_TYPE_LABELS, type UcAccount, type UserType } from '../me';
import { useAccount } from './CenterLayout';
import { CenterPage, EnterPlatformButton, RealnameTag } from './shared';
import { successMessages } from '../../../shared/messages';

const today = () => new Date();
const legalSchema = realnameLegalSchema(today);
const naturalSchema = realnameNaturalSchema(today);


/** 实名认证 (flows.md): 【法人】 (registry check, or 人工核验 for other 证件类型) or 【自然人】. */
export default function RealnamePage() {
  const account = useAccount();
  const queryClient = useQueryClient();
  const verifiedNatural = account.realnameStatus === 'verified' && account.userType === 'natural';
  const [userType, setUserType] = useState<UserType>(verifiedNatural ? 'natural' : 'legal');
  const [justVerified, setJustVerified] = useState(false);
  const [acceptanceNo, setAcceptanceNo] = useState<string | null>(null);

  const refreshAccount = () => queryClient.invalidateQueries({ queryKey: ucMeQuery.queryKey });
  const onVerified = async () => {
    setJustVerified(true);
    await refreshAccount();
  };
  const onManualSubmitted = async (no: string) => {
    setAcceptanceNo(no);
    await refreshAccount();
  };

  const success = justVerified ? (
    <Alert
      className="form-alert"
      type="success"
      showIcon
      message={successMessages.realnameVerified}
      description={account.userType === 'legal' ? <p>现在即可进入优质中小企业梯度培育平台办理企业业务，无需再次登录。</p> : null}
    />
  ) : null;

  let body: ReactNode;
  if (account.realnameStatus === 'verified' && account.userType === 'legal') {
    body = (
      <>
        {success}
        <VerifiedInfo account={account} />
        <div className="center-actions">
          <EnterPlatformButton />
        </div>
      </>
    );
  } else if (account.realnameStatus === 'pending') {
    body = (
      <>
        <Alert
          className="form-alert"
          type="info"
          showIcon
          message={acceptanceNo ? successMessages.realnameManualFiled(acceptanceNo) : errorMessages.REALNAME_PENDING}
          description="工作人员将尽快完成人工核验，审核结果将以短信形式发送至绑定手机号，请注意查收。"
        />
        <VerifiedInfo account={account} />
      </>
    );
  } else {
    body = (
      <>
        <ChoiceGroup
          id="realname-user-type"
          label="用户类型"
          value={userType}
          onChange={setUserType}
          options={USER_TYPES.map((value) => ({ value, label: USER_TYPE_LABELS[value] }))}
          help={
            userType === 'legal'
              ? '企业办理优质中小企业梯度培育平台业务，请选择【法人】并填写企业及法定代表人信息。'
              : '自然人账户不能办理企业业务，也不能再变更为法人账户。'
          }
        />
        {userType === 'natural' ? (
          verifiedNatural ? (
            <>
              {success}
              <VerifiedInfo account={account} />
            </>
          ) : (
            <NaturalForm onVerified={onVerified} onAccountChanged={refreshAccount} />
          )
        ) : verifiedNatural ? (
          <Alert
            className="form-alert"
            type="warning"
            showIcon
            message={errorMessages.REALNAME_NATURAL_LOCKED}
            description={
              <p>
                请先退出当前账号，<Link to={ROUTES.register}>注册</Link>新账号后选择【法人】完成实名认证。
              </p>
            }
          />
        ) : (
          <LegalForm onVerified={onVerified} onManualSubmitted={onManualSubmitted} onAccountChanged={refreshAccount} />
        )}
      </>
    );
  }

  return (
    <CenterPage title="实名认证">
      <div aria-live="polite">{body}</div>
    </CenterPage>
  );
}

function VerifiedInfo({ account }: { account: UcAccount }) {
  const items: DescriptionsProps['items'] = [
    { key: 'userType', label: '用户类型', children: account.userType ? USER_TYPE_LABELS[account.userType] : '—' },
    { key: 'status', label: '实名状态', children: <RealnameTag status={account.realnameStatus} /> },
  ];
  if (account.userType === 'legal') {
    items.push(
      { key: 'enterpriseName', label: '企业名称', children: account.enterpriseName ?? '—' },
      { key: 'uscc', label: '统一社会信用代码', children: account.uscc ?? '—' },
      { key: 'legalRepName', label: '法定代表人', children: account.legalRepName ?? '—' },
    );
  } else if (account.userType === 'natural') {
    items.push({ key: 'personName', label: '姓名', children: account.personName ?? '—' });
  }
  if (account.idNumberMasked) items.push({ key: 'idNumber', label: '证件号码', children: account.idNumberMasked });
  return <Descriptions className="account-info" bordered size="middle" column={1} items={items} />;
}

interface FormCallbacks {
  onVerified: () => Promise<void>;
  onAccountChanged: () => Promise<void>;
}

/**
 * Error codes that say the account's state changed (another tab, an operator): show the
 * message and reload the account so the page shows the new state.
 */
const STATE_CODES = new Set(['REALNAME_NATURAL_LOCKED', 'REALNAME_ALREADY', 'REALNAME_PENDING']);

/**
 * Form.Item hands `aria-required` / `aria-invalid` to its control; antd's Select puts them on
 * its outer <div>, where they are not allowed (axe: aria-allowed-attr). The label still
 * belongs to the combobox input (the id), and `aria-describedby` (allowed anywhere) stays.
 */
function FormSelect({ 'aria-required': _required, 'aria-invalid': _invalid, ...props }: SelectProps & { 'aria-required'?: unknown; 'aria-invalid'?: unknown }) {
  return <Select {...props} />;
}

interface LegalValues {
  enterpriseName: string;
  uscc: string;
  legalRepName: string;
  idType: IdType;
  idNumber: string;
  businessLicense?: UploadFile[];
  idDocument?: UploadFile[];
}

function LegalForm({ onVerified, onAccountChanged, onManualSubmitted }: FormCallbacks & { onManualSubmitted: (acceptanceNo: string) => Promise<void> }) {
  const state = useSubmitState<LegalValues>();
  const idType = Form.useWatch('idType', state.form) ?? 'resident_id';
  const manual = idType !== 'resident_id';
  const [usccExists, setUsccExists] = useState(false);

  async function submit(values: LegalValues) {
    setUsccExists(false);
    const fields = { enterpriseName: values.enterpriseName, uscc: values.uscc, legalRepName: values.legalRepName, idType: values.idType, idNumber: values.idNumber };
    if (values.idType === 'resident_id') {
      await api.post('/api/uc/realname/legal', fields);
      await onVerified();
      return;
    }
    const data = new FormData();
    for (const [key, value] of Object.entries(fields)) data.append(key, value);
    for (const key of ['businessLicense', 'idDocument'] as const) {
      const file = chosenFile(values[key]);
      if (file) data.append(key, file, file.name);
    }
    const res = await api.post<RealnameManualFiled>('/api/uc/realname/legal-manual', data);
    await onManualSubmitted(res.acceptanceNo);
  }

  async function failed(error: unknown) {
    if (isApiError(error) && error.code === 'USCC_EXISTS') setUsccExists(true);
    if (isApiError(error) && STATE_CODES.has(error.code)) await onAccountChanged();
  }

  return (
    <SubmitForm
      state={state}
      name="realname-legal"
      initialValues={{ idType: 'resident_id' }}
      onSubmit={submit}
      onError={failed}
      className="realname-form"
    >
      {usccExists ? <UsccExistsHelp /> : null}
      <EnterpriseFields schema={legalSchema} />
      <Field label="法定代表人姓名" name="legalRepName" schema={legalSchema}>
        <Input maxLength={50} autoComplete="off" />
      </Field>
      <Form.Item label="证件类型" name="idType" required validateTrigger="onChange">
        <FormSelect options={ID_TYPES.map((value) => ({ value, label: ID_TYPE_LABELS[value] }))} />
      </Form.Item>
      <Form.Item
        label="证件号码"
        name="idNumber"
        required
        dependencies={['idType']}
        rules={[
          checkRule((value, all) => {
            if (isEmpty(value)) return '请输入证件号码';
            const schema = all.idType === 'resident_id' || all.idType === undefined ? legalSchema : realnameManualFieldsSchema;
            return firstIssue(schema, { ...all, idNumber: value }, 'idNumber');
          }),
        ]}
      >
        <DocumentCodeInput />
      </Form.Item>
      {manual ? (
        <>
          <Alert
            className="form-alert"
            type="info"
            showIcon
            message="该证件类型需人工核验"
            description="港澳居民来往内地通行证、台湾居民来往大陆通行证和外国人护照无法自动核验，请上传营业执照和法定代表人证件，提交后由工作人员人工核验，审核期间实名状态显示为【审核中】，审核结果将以短信形式通知。"
          />
          <UploadField label="营业执照" name="businessLicense" required />
          <UploadField label="证件" name="idDocument" required="请上传法定代表人证件" extra={`法定代表人证件的照片或扫描件，${UPLOAD_HINT}`} />
        </>
      ) : null}
      <SubmitButton block={false}>提交认证</SubmitButton>
    </SubmitForm>
  );
}

/** The seed's three steps when another account is already verified for this USCC. */
function UsccExistsHelp() {
  return (
    <Alert
      className="form-alert uscc-help"
      type="warning"
      showIcon
      message="该企业已有注册账号，可按以下方法操作："
      description={
        <>
          <ol className="uscc-help__steps">
            <li>
              尝试使用统一社会信用代码作为登录名进行<Link to={ROUTES.login}>登录</Link>。若忘记密码但知晓绑定手机号，可选择
              <Link to={ROUTES.forgotPassword}>忘记密码</Link>重新设置登录密码。
            </li>
            <li>
              若原绑定手机号和密码都未知，可在登录页点击<Link to={ROUTES.mobileChange}>手机号修改</Link>
              ，校验方式选择【人工核验】填写信息找回。系统会将审核结果以短信的形式发送到新手机号，请注意查收。完成后在登录页点击【忘记密码】重新设置登录密码。
            </li>
            <li>重新使用统一社会信用代码作为登录名进行登录即可。</li>
          </ol>
          <p className="uscc-help__support">以上方法均未能解决的，请联系{SUPPORT_LINE}。</p>
        </>
      }
    />
  );
}

interface NaturalValues {
  name: string;
  idNumber: string;
}

function NaturalForm({ onVerified, onAccountChanged }: FormCallbacks) {
  const state = useSubmitState<NaturalValues>();

  async function submit(values: NaturalValues) {
    await api.post('/api/uc/realname/natural', { name: values.name, idNumber: values.idNumber });
    await onVerified();
  }

  async function failed(error: unknown) {
    if (isApiError(error) && STATE_CODES.has(error.code)) await onAccountChanged();
  }

  return (
    <SubmitForm state={state} name="realname-natural" onSubmit={submit} onError={failed} className="realname-form">
      <PersonFields schema={naturalSchema} />
      <SubmitButton block={false}>提交认证</SubmitButton>
    </SubmitForm>
  );
}
