import { Button } from 'antd';
import { Link } from 'react-router';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { PLATFORM_NAME } from '../me';
import './guide.css';

const SUPPORT_LINE = '账号系统支持单位：12381-转9（其他业务）转6（公共服务）-人工服务';

const steps = [
  {
    title: '注册账号',
    body: (
      <p>
        本平台使用工业和信息化部统一登录系统的账号。首次使用的企业，请在平台首页右上方点击【注册】，填写登录名、手机号、验证码和密码，完成注册。已有统一登录系统账号的企业可跳过这一步。
      </p>
    ),
  },
  {
    title: '实名认证（法人）',
    body: (
      <>
        <p>
          注册成功后点击【立即认证】，用户类型选择【法人】，填写企业名称、统一社会信用代码、法定代表人姓名及其证件信息。融资服务专区只接受已完成实名认证的【法人账户】登记。
        </p>
        <p>
          注册后如选择了【暂不认证】，登录时会转到工业和信息化部政务服务门户的用户中心，页面显示【未实名认证】，请通过【账号设置】→【实名认证】完成认证后再登录本平台。
        </p>
        <p>已实名认证为【自然人】的账号不能改为法人，请重新注册一个账号并完成法人实名认证。</p>
      </>
    ),
  },
  {
    title: '登录平台',
    body: (
      <p>
        在平台首页右上方点击【登录】，使用登录名或统一社会信用代码和密码登录。【自然人账户】不可以用统一社会信用代码登录，只能使用登录名。
      </p>
    ),
  },
  {
    title: '完善企业信息',
    body: (
      <p>
        首次登录后，请进入【企业信息管理】→【企业信息】，点击页面下方的【编辑】，补全企业基本情况并保存。企业名称、统一社会信用代码和法定代表人来自实名认证信息，无需填写。
      </p>
    ),
  },
  {
    title: '进入融资服务专区',
    body: <p>回到平台首页，点击右下方【融资服务专区】中的【去登记】。</p>,
  },
  {
    title: '阅读提示事项',
    body: (
      <p>进入专区后会先显示【提示事项】。请认真阅读，10秒倒计时结束后点击【关闭】，进入创新积分信息登记表。</p>
    ),
  },
  {
    title: '填写并提交',
    body: (
      <p>
        登记表中的企业名称和统一社会信用代码根据实名认证信息自动带出，不能修改。请依次填写“①企业基本情况”和“②企业创新积分核心指标”，这两部分为必填项；“③选择填写指标”为选填项，可以根据企业意愿填写，留空不影响提交。核对无误后点击【提交】。
      </p>
    ),
  },
];

const faqs = [
  {
    q: '登录后停留在政务服务门户，怎样回到本平台？',
    a: (
      <>
        <p>
          先看门户页面右上角：显示企业名称或法定代表人姓名，说明已经登录；如果仍显示【登录】按钮，说明尚未登录，请按上面第1至3步注册、认证并登录。
        </p>
        <p>
          已登录时，点击门户页面中部下方的【中小企业服务专区】，在服务列表中找到【优质中小企业梯度培育】，点击【在线办理】，即可以登录状态回到本平台继续登记。
        </p>
      </>
    ),
  },
  {
    q: '实名认证时提示“统一社会信用代码已存在”，怎么办？',
    a: (
      <>
        <p>这说明本企业此前已经注册并认证过账号，请找回原账号：</p>
        <ol>
          <li>
            用统一社会信用代码作为登录名登录。忘记密码但仍在使用原绑定手机号的，在登录页点击【忘记密码】重新设置密码。
          </li>
          <li>
            原绑定手机号和密码都无法确认的，在登录页点击【手机号修改】，校验方式选择【人工核验】，按要求填写信息并上传材料。审核结果会以短信发送到新手机号，收到通过的短信后，在登录页点击【忘记密码】重新设置密码。
          </li>
          <li>使用统一社会信用代码和新密码重新登录。</li>
        </ol>
      </>
    ),
  },
  {
    q: '需要更换账号绑定的手机号，怎么办？',
    a: (
      <p>
        在登录页点击【手机号修改】，选择【邮箱核验】（账号已绑定邮箱时，用发送到该邮箱的验证码核验身份）或【人工核验】（提交身份材料，由工作人员审核）。修改结果会以短信发送到新手机号，请注意查收。
      </p>
    ),
  },
  {
    q: '点击【去登记】后提示“此项功能未对当前账号企业开放”，怎么办？',
    a: (
      <>
        <p>
          融资服务专区目前只面向科技型中小企业、创新型中小企业、专精特新中小企业和专精特新“小巨人”企业。出现这一提示，通常是因为当前账号的企业不属于上述类型，请逐项核对：
        </p>
        <ul>
          <li>账号实名认证的企业信息是否与企业实际情况一致；</li>
          <li>科技型中小企业：入库资格是否仍在有效期内；</li>
          <li>
            创新型中小企业、专精特新中小企业、专精特新“小巨人”企业：资质是否在本平台认定，可在【企业信息管理】→【认定情况】中查看。
          </li>
        </ul>
      </>
    ),
  },
  {
    q: '点击【去登记】后转到了企业信息页面，怎么办？',
    a: (
      <p>
        这是因为企业首次登录、尚未完善基本信息。请点击【确定】，补全企业基本信息并保存，然后回到平台首页再次点击【融资服务专区】中的【去登记】。
      </p>
    ),
  },
  {
    q: '企业更名、忘记密码、手机号丢失或实名认证未通过，以上方法都解决不了，怎么办？',
    a: (
      <p>
        请直接联系账号系统支持单位咨询：<strong className="guide-support">{SUPPORT_LINE}</strong>
      </p>
    ),
  },
];

/** `/guide`: the 融资服务专区 filing guide, printable (【下载填报指引】 prints it). */
export default function GuidePage() {
  useDocumentTitle(PLATFORM_NAME, '融资服务专区填报指引');
  return (
    <div className="site-container guide-page">
      <article className="guide-article">
        <header className="guide-header">
          <h1 className="guide-title">融资服务专区填报指引</h1>
          <div className="guide-actions no-print">
            <Button type="primary" onClick={() => window.print()}>
              下载填报指引
            </Button>
            <span className="guide-actions__hint">在打印窗口中选择“另存为PDF”即可保存本指引。</span>
          </div>
        </header>

        <p className="guide-lead">
          平台根据当前账号实名认证的企业信息，判断企业能否使用融资服务专区。第一次使用本平台的企业，需要依次完成注册、法人实名认证和登录，再完善企业信息，之后才能登记企业创新积分。
        </p>

        <section aria-labelledby="guide-steps">
          <h2 id="guide-steps" className="guide-section-title">
            一、办理步骤
          </h2>
          <ol className="guide-steps">
            {steps.map((step, i) => (
              <li key={step.title} className="guide-step">
                <h3 className="guide-step__title">
                  <span className="guide-step__no" aria-hidden="true">
                    {i + 1}
                  </span>
                  {step.title}
                </h3>
                {step.body}
              </li>
            ))}
          </ol>
        </section>

        <section aria-labelledby="guide-faq">
          <h2 id="guide-faq" className="guide-section-title">
            二、常见问题
          </h2>
          {faqs.map((faq) => (
            <section key={faq.q} className="guide-faq">
              <h3 className="guide-faq__q">{faq.q}</h3>
              <div className="guide-faq__a">{faq.a}</div>
            </section>
          ))}
        </section>

        <p className="guide-back no-print">
          <Link to="/">返回平台首页</Link>
        </p>
      </article>
    </div>
  );
}
