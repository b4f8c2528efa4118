package app.pacer.core.reply;

import java.util.Locale;
import java.util.Optional;

/** The languages Pacer speaks. Every user-facing text exists in each. */
public enum Language {
    EN("en", Locale.ENGLISH),
    ZH("zh-CN", Locale.SIMPLIFIED_CHINESE);

    private final String tag;
    private final Locale locale;

    Language(String tag, Locale locale) {
        this.tag = tag;
        this.locale = locale;
    }

    public String tag() {
        return tag;
    }

    public Locale locale() {
        return locale;
    }

    /** Maps a platform locale ({@code zh-CN}, {@code zh_Hans}, {@code en-US}, …) or a typed choice to a language. */
    public static Optional<Language> fromTag(String tag) {
        if (tag == null || tag.isBlank()) {
            return Optional.empty();
        }
        String t = tag.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        if (t.equals("zh") || t.startsWith("zh-") || t.equals("中文") || t.equals("简体中文") || t.equals("chinese")) {
            return Optional.of(ZH);
        }
        if (t.equals("en") || t.startsWith("en-") || t.equals("english") || t.equals("英文") || t.equals("英语")) {
            return Optional.of(EN);
        }
        return Optional.empty();
    }
}
