import { Button } from 'antd';
import { CenterPage } from './shared';

export const EXPORT_URL = '/api/uc/account/export';

/** 个人信息下载: the account's own data as a file a person can read (and a program too: JSON). */
export default function ExportPage() {
  return (
    <CenterPage title="个人信息下载">
      <div className="center-text">
        <p>依据《中华人民共和国个人信息保护法》，您可以下载本账号的个人信息副本。文件为JSON格式的文本文件，可用记事本等任意文本编辑器打开，字段名称均为中文，内容包括：</p>
        <ul>
          <li>账号信息：登录名、手机号、邮箱、注册时间；</li>
          <li>实名认证信息：实名状态、用户类型（法人或自然人）、企业名称、统一社会信用代码、法定代表人或姓名、证件号码、认证时间；</li>
          <li>最近的登录记录：时间、IP地址、浏览器和结果。</li>
        </ul>
        <p>文件中的时间均为北京时间；手机号、邮箱和证件号码与用户中心一样部分隐藏显示。下载操作将记入账号的安全日志。</p>
      </div>
      <Button type="primary" size="large" onClick={() => window.location.assign(EXPORT_URL)}>
        下载个人信息
      </Button>
    </CenterPage>
  );
}
