import Input from 'antd/es/input';
import { DocumentCodeInput, Field } from './Field';
import type { ParseableSchema } from './rules';

/** 企业名称 and 统一社会信用代码 as the 法人 forms ask them (实名认证, 人工核验). */
export function EnterpriseFields({ schema }: { schema: ParseableSchema }) {
  return (
    <>
      <Field label="企业名称" name="enterpriseName" schema={schema}>
        <Input maxLength={100} autoComplete="organization" />
      </Field>
      <Field label="统一社会信用代码" name="uscc" schema={schema} extra="18位，见营业执照">
        <DocumentCodeInput upperCase />
      </Field>
    </>
  );
}

/**
 * 姓名 and 身份证号码 of a person: the 自然人 of 实名认证, or (`applicant`) the 申请人姓名 and
 * 申请人身份证号码 of a 人工核验.
 */
export function PersonFields({ schema, applicant }: { schema: ParseableSchema; applicant?: boolean }) {
  return (
    <>
      <Field label={applicant ? '申请人姓名' : '姓名'} name={applicant ? 'applicantName' : 'name'} schema={schema}>
        <Input maxLength={applicant ? 50 : 20} autoComplete="name" />
      </Field>
      <Field label={applicant ? '申请人身份证号码' : '身份证号码'} name={applicant ? 'applicantIdNumber' : 'idNumber'} schema={schema}>
        <DocumentCodeInput maxLength={18} />
      </Field>
    </>
  );
}
