/** 梯度培育 qualifications (资质) in Chinese. No zod and no Node APIs. */
export const QUALIFICATION_TYPES = ['kjx', 'cxx', 'zjtx', 'xjr'] as const;
export type QualificationType = (typeof QUALIFICATION_TYPES)[number];

export const QUALIFICATION_TYPE_LABELS: Record<QualificationType, string> = {
  kjx: '科技型中小企业',
  cxx: '创新型中小企业',
  zjtx: '专精特新中小企业',
  xjr: '专精特新“小巨人”企业',
};
