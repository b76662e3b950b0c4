import { Button, ConfigProvider, type ThemeConfig } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { platformLoginUrl } from '../../components/links';
import type { HeaderMe } from '../../../shared/schemas/idp';
import { platformMeQuery } from '../me';

const FINANCING_PATH = '/financing';

/** 【去登记】 is a white button with red text on the red block. */
const ctaTheme: ThemeConfig = {
  components: {
    Button: {
      colorPrimary: '#ffffff',
      colorPrimaryHover: '#fff1e6',
      colorPrimaryActive: '#ffe4cc',
      primaryColor: '#a61e1e',
      primaryShadow: 'none',
      fontWeight: 700,
    },
  },
};

/** The 融资服务专区 block at the lower right of the home page, with 【去登记】. */
export function FinancingBlock() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  async function register() {
    let me: HeaderMe | undefined;
    try {
      me = await queryClient.fetchQuery(platformMeQuery);
    } catch {
      me = undefined; // unknown: the login endpoint sorts it out
    }
    if (me?.loggedIn) navigate(FINANCING_PATH);
    else window.location.assign(platformLoginUrl(FINANCING_PATH));
  }

  return (
    <section className="home-financing on-dark" aria-labelledby="home-financing">
      <h2 className="home-financing__title" id="home-financing">
        融资服务专区
      </h2>
      <p>
        融资服务专区面向<strong>科技型中小企业、创新型中小企业、专精特新中小企业和专精特新“小巨人”企业</strong>开放。
      </p>
      <p>
        符合条件的企业使用已完成实名认证的法人账户登录后，登记企业创新积分信息；平台据此计算创新积分，向合作金融机构推荐，帮助企业获得银行信贷支持。
      </p>
      <div className="home-financing__actions">
        <ConfigProvider theme={ctaTheme}>
          <Button className="home-financing__cta" type="primary" size="large" onClick={() => void register()}>
            去登记
          </Button>
        </ConfigProvider>
        <Link to="/guide">查看填报指引</Link>
      </div>
    </section>
  );
}
