import { Alert, Button, Descriptions } from 'antd';
import type { DescriptionsProps } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { ENTERPRISE_SIZE_LABEL, PROFILE_FIELD_LABELS, RECORD_FIELD_LABELS, REQUIRED_PROFILE_FIELDS, type ProfileField } from '../../../shared/enterprise-labels';
import type { EnterpriseProfileAnswer } from '../../../shared/schemas/enterprise';
import { EnterpriseLayout, QueryGate } from './EnterpriseLayout';
import { ENTERPRISE_PAGES } from './links';
import { fieldText, NOT_GIVEN } from './format';
import { profileQuery } from './queries';

/** The required fields in the form's order (one list, shared with the completeness rule), then the optional ones. */
const SHOWN_FIELDS: ProfileField[] = [
  ...REQUIRED_PROFILE_FIELDS,
  'businessAddress',
  'website',
  'listed',
  'listingBoard',
  'stockCode',
  'intro',
];

/** 【企业信息】 read view: the record's fields, the profile, 企业规模, what is missing; 【编辑】 at the bottom. */
export default function EnterpriseInfoPage() {
  const profile = useQuery(profileQuery);
  return (
    <EnterpriseLayout title="企业信息">
      <QueryGate query={profile} returnTo={ENTERPRISE_PAGES.view}>
        {() => <InfoView data={profile.data!} />}
      </QueryGate>
    </EnterpriseLayout>
  );
}

/** 企业规模 with the sector of the 划型标准 and the figures it used. */
export function SizeText({ size }: { size: EnterpriseProfileAnswer['size'] }) {
  if (!size) return <span className="enterprise-muted">填写所属行业、从业人员（上年末）、上年度营业收入和上年度资产总额后自动计算</span>;
  return (
    <span>
      <strong>{size.label}</strong>
      {size.sector ? (
        <span className="enterprise-size__basis">
          （按“{size.sector}”划型标准，依据：{size.figures}）
        </span>
      ) : null}
    </span>
  );
}

function InfoView({ data }: { data: EnterpriseProfileAnswer }) {
  const navigate = useNavigate();
  const p = data.profile;
  const items: DescriptionsProps['items'] = [
    { key: 'enterpriseName', label: RECORD_FIELD_LABELS.enterpriseName, children: data.enterpriseName },
    { key: 'uscc', label: RECORD_FIELD_LABELS.uscc, children: data.uscc },
    { key: 'legalRepName', label: RECORD_FIELD_LABELS.legalRepName, children: data.legalRepName },
    ...SHOWN_FIELDS.filter((f) => !((f === 'listingBoard' || f === 'stockCode') && !p.listed)).map((f) => {
      const text = fieldText(f, p);
      return { key: f, label: PROFILE_FIELD_LABELS[f], children: text ? <span className="enterprise-value">{text}</span> : <span className="enterprise-muted">{NOT_GIVEN}</span> };
    }),
    { key: 'size', label: ENTERPRISE_SIZE_LABEL, children: <SizeText size={data.size} /> },
  ];
  return (
    <>
      {data.completeness.complete ? null : (
        <Alert
          className="enterprise-alert"
          type="warning"
          showIcon
          message="企业信息尚未完善"
          description={
            <>
              {data.saved ? null : <p className="enterprise-alert__text">以下部分信息已根据登记机关信息预先填写，请核对并补充后保存。</p>}
              <p className="enterprise-alert__text">请补充：{data.completeness.missing.join('、')}</p>
            </>
          }
        />
      )}
      <Descriptions className="enterprise-descriptions" bordered column={1} size="middle" items={items} />
      <p className="enterprise-note">企业名称、统一社会信用代码、法定代表人来自实名认证信息，不可修改。</p>
      <div className="enterprise-actions">
        <Button type="primary" size="large" onClick={() => navigate(ENTERPRISE_PAGES.edit)}>
          编辑
        </Button>
      </div>
    </>
  );
}
