import { Alert, Descriptions, type DescriptionsProps } from 'antd';
import { Link } from 'react-router';
import { ROUTES } from '../links';
import { USER_TYPE_LABELS } from '../me';
import { useAccount } from './CenterLayout';
import { CenterPage, EnterPlatformButton, RealnameTag } from './shared';

/** 用户中心: the account, its 实名状态, and what to do next. */
export default function OverviewPage() {
  const account = useAccount();
  const items: DescriptionsProps['items'] = [
    { key: 'loginName', label: '登录名', children: account.loginName },
    { key: 'userType', label: '用户类型', children: account.userType ? USER_TYPE_LABELS[account.userType] : '—' },
    { key: 'status', label: '实名状态', children: <RealnameTag status={account.realnameStatus} /> },
  ];
  if (account.userType === 'legal' && account.realnameStatus === 'verified') {
    items.push(
      { key: 'enterpriseName', label: '企业名称', children: account.enterpriseName ?? '—' },
      { key: 'uscc', label: '统一社会信用代码', children: account.uscc ?? '—' },
      { key: 'legalRepName', label: '法定代表人', children: account.legalRepName ?? '—' },
    );
  }
  if (account.userType === 'natural' && account.realnameStatus === 'verified') {
    items.push({ key: 'personName', label: '姓名', children: account.personName ?? '—' });
  }
  if (account.idNumberMasked) items.push({ key: 'idNumber', label: '证件号码', children: account.idNumberMasked });
  items.push(
    { key: 'mobile', label: '手机号', children: account.mobileMasked },
    { key: 'email', label: '邮箱', children: account.emailMasked ?? '未绑定' },
  );

  return (
    <CenterPage title="用户中心">
      {account.realnameStatus === 'unverified' ? (
        <Alert
          className="center-hint"
          type="warning"
          showIcon
          message="您的账号尚未完成实名认证"
          description={
            <>
              <p>
                请点击【账号设置】→【实名认证】完成实名认证后，再使用优质中小企业梯度培育平台。企业办理业务请选择用户类型【法人】完成认证。
              </p>
              <Link className="center-hint__action" to={ROUTES.realname}>
                前往认证
              </Link>
            </>
          }
        />
      ) : null}
      {account.realnameStatus === 'verified' && account.userType === 'legal' ? (
        <Alert
          className="center-hint"
          type="success"
          showIcon
          message="您的账号已完成法人实名认证"
          description={
            <>
              <p>可直接进入优质中小企业梯度培育平台办理企业业务，无需再次登录。</p>
              <EnterPlatformButton />
            </>
          }
        />
      ) : null}
      {account.realnameStatus === 'pending' ? (
        <Alert
          className="center-hint"
          type="info"
          showIcon
          message="实名认证申请审核中"
          description="您提交的实名认证申请正在人工核验，审核结果将以短信形式发送至绑定手机号，请注意查收。"
        />
      ) : null}
      <Descriptions
        className="account-info"
        bordered
        size="middle"
        column={{ xs: 1, sm: 1, md: 1, lg: 2, xl: 2, xxl: 2 }}
        items={items}
      />
    </CenterPage>
  );
}
