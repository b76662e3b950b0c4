import { shanghaiDate } from '../clock.js';

/** A few 政策文件 and 通知公告 for the home page (operators edit them in 内容管理). */
export function demoContent(now: Date) {
  const day = (daysAgo: number) => shanghaiDate(new Date(now.getTime() - daysAgo * 86400_000));
  const year = Number(shanghaiDate(now).slice(0, 4));
  return [
    { id: 'policy-001', kind: 'policy' as const, published_on: day(20), title: '优质中小企业梯度培育管理办法', summary: '明确创新型中小企业、专精特新中小企业和专精特新“小巨人”企业的梯度培育体系、认定标准和管理要求。', body: '为提升中小企业创新能力和专业化水平，构建优质中小企业梯度培育体系，制定本办法。\n\n优质中小企业由创新型中小企业、专精特新中小企业和专精特新“小巨人”企业三个层次组成。\n\n认定有效期为三年，有效期内企业应按要求更新相关信息。' },
    { id: 'policy-002', kind: 'policy' as const, published_on: day(45), title: '关于开展企业创新积分制工作的通知', summary: '以企业创新积分为依据，引导金融机构为创新能力强的中小企业提供信用贷款等融资服务。', body: '企业创新积分由技术创新指标、成长经营指标和辅助指标构成，依据企业填报数据按同类企业相对水平计算。\n\n积分结果经企业同意后推送至合作金融机构，用于信用贷款、知识产权质押融资等服务。' },
    { id: 'policy-003', kind: 'policy' as const, published_on: day(80), title: '中小企业划型标准规定', summary: '按行业规定中型、小型、微型企业的划分标准（从业人员、营业收入、资产总额）。', body: '中小企业划分为中型、小型、微型三种类型，具体标准根据企业从业人员、营业收入、资产总额等指标，结合行业特点制定。' },
    { id: 'policy-004', kind: 'policy' as const, published_on: day(120), title: '科技型中小企业评价办法', summary: '科技型中小企业实行年度入库管理，入库登记编号当年有效。', body: '符合条件的科技型中小企业按年度自主评价并入库。\n\n入库登记编号有效期至当年12月31日，企业需每年重新评价。' },
    { id: 'notice-001', kind: 'notice' as const, published_on: day(3), title: `关于开展${year - 1}年度企业创新积分数据登记工作的通知`, summary: '请符合条件的企业通过融资服务专区登记上年度创新积分数据。', body: `融资服务专区现已开放${year - 1}年度企业创新积分数据登记。\n\n科技型中小企业、创新型中小企业、专精特新中小企业和专精特新“小巨人”企业，可使用已完成法人实名认证的账号登录后，在首页右下方【融资服务专区】点击【去登记】进行填报。` },
    { id: 'notice-002', kind: 'notice' as const, published_on: day(10), title: '统一登录系统账号实名认证操作提示', summary: '企业需使用法人账户完成实名认证后方可办理融资服务专区业务。', body: '完成注册后请选择【立即认证】，用户类型选择【法人】并填写企业信息。\n\n如提示“统一社会信用代码已存在”，说明企业已有注册账号，可通过【忘记密码】或【手机号修改】找回。' },
    { id: 'notice-003', kind: 'notice' as const, published_on: day(30), title: '平台系统维护公告', summary: '平台将于周末夜间进行例行维护，期间部分功能暂停使用。', body: '为提升服务质量，平台将于本周六22:00至次日02:00进行例行维护。\n\n维护期间登录和填报功能暂停使用，请合理安排填报时间。' },
  ];
}
