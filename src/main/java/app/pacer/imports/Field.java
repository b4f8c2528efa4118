package app.pacer.imports;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a column of an imported file can become, and the header names that mean it: Pacer's own export, Zoho CRM,
 * 纷享销客 (Fxiaoke), HubSpot, Pipedrive and Salesforce lead and contact exports (labels and API names), and the
 * plain English and Chinese words people type. Headers are compared without case, spaces or punctuation.
 */
enum Field {
    IGNORE, NAME, FIRST_NAME, LAST_NAME, COMPANY, EMAIL, PHONE, MOBILE, WECHAT, SOURCE, STAGE, VALUE, NEXT, CLOSE, OWNER,
    NOTES, LOST_REASON;

    /** The form value and message suffix: {@code first_name}. */
    String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Field ofKey(String key) {
        for (Field f : values()) {
            if (f.key().equals(key)) {
                return f;
            }
        }
        return IGNORE;
    }

    private static final Map<String, Field> HEADERS = new HashMap<>();

    private static void names(Field field, String... headers) {
        for (String h : headers) {
            HEADERS.put(normalise(h), field);
        }
    }

    static {
        // Pacer's own export (number, created_at, updated_at, last_stage_change are Pacer's to set: not imported)
        names(NAME, "name", "full name", "lead name", "contact name", "person name", "person - name",
                "Lead - Title", "Deal - Title", "姓名", "名称", "客户名称", "线索名称", "联系人", "联系人姓名", "客户", "名字");
        names(FIRST_NAME, "first name", "firstname", "first_name", "given name", "Person - First name", "名");
        names(LAST_NAME, "last name", "lastname", "last_name", "surname", "family name", "Person - Last name", "姓");
        names(COMPANY, "company", "company name", "account name", "account", "organization", "organisation",
                "organization - name", "Person - Organization", "Organization name", "Associated Company", "公司",
                "公司名称", "单位", "企业名称", "所属公司", "客户公司");
        names(EMAIL, "email", "e-mail", "email address", "Person - Email", "Person - Email - Work", "Email - Work",
                "Primary Email", "邮箱", "电子邮件", "电子邮箱", "邮件", "邮箱地址");
        names(PHONE, "phone", "phone number", "telephone", "tel", "business phone", "work phone", "Person - Phone",
                "Person - Phone - Work", "Phone - Work", "电话", "联系电话", "座机", "办公电话");
        names(MOBILE, "mobile", "mobile phone", "mobilephone", "mobile phone number", "cell", "cell phone",
                "Person - Phone - Mobile", "Phone - Mobile", "手机", "手机号", "手机号码", "移动电话");
        names(WECHAT, "wechat", "weixin", "wechat id", "微信", "微信号");
        names(SOURCE, "source", "lead source", "leadsource", "original source", "original traffic source",
                "Source of lead", "Lead - Source", "Person - Source", "来源", "线索来源", "客户来源", "渠道");
        names(STAGE, "stage", "status", "lead status", "leadstatus", "lifecycle stage", "deal stage", "deal - stage",
                "Lead - Status", "阶段", "状态", "线索状态", "跟进状态", "销售阶段", "客户状态");
        names(VALUE, "value", "amount", "deal value", "deal - value", "Lead - Value", "annual revenue", "annualrevenue",
                "expected revenue", "金额", "预计金额", "商机金额", "销售金额", "价值");
        names(NEXT, "next", "next_follow_up", "next follow up", "next follow-up", "follow up", "follow-up date",
                "next activity date", "Deal - Next activity date", "Person - Next activity date", "下次跟进",
                "下次跟进时间", "下次跟进日期", "跟进日期");
        names(CLOSE, "close", "close date", "closing date", "expected close date", "expected_close", "closedate",
                "Deal - Expected close date", "Lead - Expected close date", "预计成交日期", "预计成交时间", "结单日期");
        names(OWNER, "owner", "owner_email", "owner email", "lead owner", "contact owner", "record owner", "owner name",
                "ownerid", "Person - Owner", "Deal - Owner", "Lead - Owner", "Organization - Owner", "HubSpot Owner",
                "负责人", "所属人", "归属人", "销售", "跟进人", "负责人(主)");
        names(NOTES, "notes", "note", "description", "comments", "comment", "Person - Note", "备注", "描述", "说明",
                "跟进记录");
        names(LOST_REASON, "lost_reason", "lost reason", "Deal - Lost reason", "输单原因", "丢单原因", "失败原因");
    }

    /** Lower case, no spaces or punctuation, full-width folded: "Lead Owner" and "lead_owner" read alike. */
    static String normalise(String header) {
        String h = Normalizer.normalize(header == null ? "" : header, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return h.replaceAll("[\\s\\p{Punct}\\p{IsPunctuation}\\uFEFF]+", "");
    }

    /** The field a header names, or IGNORE. */
    static Field guess(String header) {
        return HEADERS.getOrDefault(normalise(header), IGNORE);
    }

    /** A guess for every column; a field already taken by an earlier column is not given twice. */
    static List<Field> guess(List<String> headers) {
        List<Field> fields = new java.util.ArrayList<>();
        for (String h : headers) {
            Field f = guess(h);
            fields.add(f != IGNORE && fields.contains(f) ? IGNORE : f);
        }
        return fields;
    }
}
