import type { Kysely } from 'kysely';

/**
 * 融资服务专区 (flows.md 【去登记】, form.md registration form):
 * - financing_notices: the 提示事项 text, versioned; `changes_data_use` = 1 asks every
 *   enterprise's consent again (seeded with version 1).
 * - financing_consents / financing_consent_events: the enterprise's (USCC) current consent to
 *   push its registration to partner institutions, and one event per change.
 * - filing_window: the one filing window (数据年度, open and close date, Asia/Shanghai, both
 *   inclusive); no row = the default (open all year for last year's data).
 * - registrations: one per enterprise per 数据年度, with the draft (JSON, 联系人 and
 *   联系人手机 encrypted inside) and the revision for optimistic locking.
 * - registration_versions: immutable submitted versions; (registration, based_on_revision)
 *   is unique, so a double submit of one revision stores one version.
 * - registration_attachments: ③ 附件 (files encrypted in the file store).
 */
/** 提示事项 version 1 (frozen here: a later text is a new version, 管理端 【系统设置】). */
const NOTICE_V1_TITLE = '提示事项';
const NOTICE_V1_BODY = [
  '一、专区用途。融资服务专区依据中小企业融资促进相关政策设立，目前面向科技型中小企业、创新型中小企业、专精特新中小企业和专精特新“小巨人”企业开放。企业登记的创新积分信息用于计算企业创新积分（自评），供主管部门开展统计分析，并在企业同意后帮助合作金融机构了解企业创新能力，为企业提供信用贷款、知识产权质押融资、创新积分贷等融资服务。',
  '二、信息使用。企业勾选“同意将本企业登记信息推送至合作金融机构”后，平台向合作金融机构（银行、担保机构）推送本企业最新提交的登记信息，合作金融机构可以看到：企业名称、统一社会信用代码、所属行业、注册地址（省/市/区县）、企业规模、发展阶段、①企业基本情况和②企业创新积分核心指标的填报数据、创新积分及各项指标得分、③选择填写指标中的融资需求等内容，以及联系人和联系人手机（金融机构查看联系方式时平台留有记录）。合作金融机构仅能查看已提交登记并同意推送的企业，企业可以在【融资对接】页面查看哪些金融机构查看或联系了本企业，并可随时撤回授权，撤回后金融机构不能再查看本企业信息。未勾选同意的，登记信息仅用于创新积分计算和主管部门统计分析，不推送至金融机构。',
  '三、真实性承诺。企业应如实填报登记信息，并对所填报信息的真实性、准确性和完整性负责。提交即表示企业承诺所填信息真实有效，如有虚假，企业自行承担由此产生的一切后果。',
  '四、填报说明。“①企业基本情况”和“②企业创新积分核心指标”为必填项，“③选择填写指标”为非必填项，为空不影响提交。填报期内可随时保存草稿，提交后仍可在填报期内修改，每次提交均保留为一个版本。',
].join('\n\n');

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('financing_notices')
    .addColumn('version', 'integer', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('changes_data_use', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db
    .insertInto('financing_notices')
    .values({ version: 1, title: NOTICE_V1_TITLE, body: NOTICE_V1_BODY, changes_data_use: 1, created_at: '2026-01-01T00:00:00.000Z', created_by: null })
    .execute();

  await db.schema
    .createTable('financing_consents')
    .addColumn('uscc', 'text', (c) => c.primaryKey())
    .addColumn('consented', 'integer', (c) => c.notNull())
    .addColumn('notice_version', 'integer', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('financing_consent_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('uscc', 'text', (c) => c.notNull())
    .addColumn('consented', 'integer', (c) => c.notNull())
    .addColumn('notice_version', 'integer', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('financing_consent_events_uscc').on('financing_consent_events').columns(['uscc', 'at']).execute();

  await db.schema
    .createTable('filing_window')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('data_year', 'integer', (c) => c.notNull())
    .addColumn('opens_on', 'text', (c) => c.notNull())
    .addColumn('closes_on', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();

  await db.schema
    .createTable('registrations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('uscc', 'text', (c) => c.notNull())
    .addColumn('data_year', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('draft', 'text')
    .addColumn('draft_saved_at', 'text')
    .addColumn('latest_version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('registrations_enterprise_year', ['uscc', 'data_year'])
    .execute();
  await db.schema.createIndex('registrations_year_status').on('registrations').columns(['data_year', 'status']).execute();

  await db.schema
    .createTable('registration_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('registration_id', 'text', (c) => c.notNull())
    .addColumn('uscc', 'text', (c) => c.notNull())
    .addColumn('data_year', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('based_on_revision', 'integer', (c) => c.notNull())
    .addColumn('acceptance_no', 'text', (c) => c.notNull().unique())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('payload_hash', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'text', (c) => c.notNull())
    .addUniqueConstraint('registration_versions_number', ['registration_id', 'version'])
    .addUniqueConstraint('registration_versions_revision', ['registration_id', 'based_on_revision'])
    .execute();
  await db.schema.createIndex('registration_versions_year').on('registration_versions').columns(['data_year', 'uscc']).execute();

  await db.schema
    .createTable('registration_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('uscc', 'text', (c) => c.notNull())
    .addColumn('file_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('registration_attachments_uscc').on('registration_attachments').columns(['uscc']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
