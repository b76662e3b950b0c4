import { QUALIFICATION_TYPE_LABELS } from '../../../shared/qualification-labels';

const tiers = [
  {
    name: QUALIFICATION_TYPE_LABELS.cxx,
    role: '优质中小企业的基础力量',
    text: '具有较高专业化水平、较强创新能力和发展潜力。',
    by: '省级中小企业主管部门组织评价',
  },
  {
    name: QUALIFICATION_TYPE_LABELS.zjtx,
    role: '优质中小企业的中坚力量',
    text: '实现专业化、精细化、特色化发展，创新能力强、质量效益好。',
    by: '省级中小企业主管部门认定',
  },
  {
    name: QUALIFICATION_TYPE_LABELS.xjr,
    role: '优质中小企业的核心力量',
    text: '位于产业基础核心领域、产业链关键环节，创新能力突出、掌握核心技术、细分市场占有率高。',
    by: '工业和信息化部认定',
  },
] as const;

/** The three certification tiers as a step diagram, plus the note on 科技型中小企业. */
export function TierIntro() {
  return (
    <section className="home-block" aria-labelledby="home-tiers">
      <h2 className="home-block__title" id="home-tiers">
        梯度培育体系
      </h2>
      <p className="tier-intro">
        中小企业按照由低到高的梯度逐级培育：在创新型中小企业的基础上培育专精特新中小企业，再从中培育专精特新“小巨人”企业。
      </p>
      <ol className="tier-steps">
        {tiers.map((tier, i) => (
          <li key={tier.name} className={`tier-step tier-step--${i + 1}`}>
            <span className="tier-step__badge" aria-hidden="true">
              {i + 1}
            </span>
            <h3 className="tier-step__name">{tier.name}</h3>
            <p className="tier-step__role">{tier.role}</p>
            <p className="tier-step__text">{tier.text}</p>
            <p className="tier-step__by">{tier.by}</p>
          </li>
        ))}
      </ol>
      <p className="tier-note">
        <strong>科技型中小企业</strong>
        由科学技术部组织评价，经评价入库后当年有效，不属于上述梯度认定，但同样可以在融资服务专区登记企业创新积分。
      </p>
    </section>
  );
}
