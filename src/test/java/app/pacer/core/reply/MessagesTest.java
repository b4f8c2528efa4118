package app.pacer.core.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class MessagesTest {

    private static final Object[] DUMMY_ARGS = {"a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7"};
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)[^}]*}");
    /** A lone apostrophe: MessageFormat would swallow it and quote the text after it. */
    private static final Pattern LONE_APOSTROPHE = Pattern.compile("(?<!')'(?!')");

    private static Properties load(String resource) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MessagesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertNotNull(in, resource + " is not on the classpath");
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
        }
        return properties;
    }

    private static Properties english() throws IOException {
        return load("messages.properties");
    }

    private static Properties chinese() throws IOException {
        return load("messages_zh_CN.properties");
    }

    private static Set<String> missingFrom(Properties from, Properties in) {
        Set<String> missing = new TreeSet<>(from.stringPropertyNames());
        missing.removeAll(in.stringPropertyNames());
        return missing;
    }

    private static Set<Integer> placeholders(String pattern) {
        Set<Integer> indexes = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(pattern);
        while (m.find()) {
            indexes.add(Integer.parseInt(m.group(1)));
        }
        return indexes;
    }

    private static boolean containsCjk(String s) {
        return s.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
    }

    // --- the two files --------------------------------------------------------------------------------------

    @Test
    void everyEnglishKeyHasAChineseText() throws IOException {
        assertEquals(Set.of(), missingFrom(english(), chinese()));
    }

    @Test
    void everyChineseKeyHasAnEnglishText() throws IOException {
        assertEquals(Set.of(), missingFrom(chinese(), english()));
    }

    @Test
    void bothFilesHaveTexts() throws IOException {
        assertTrue(english().size() > 50);
        assertEquals(english().size(), chinese().size());
    }

    @Test
    void everyTextFormatsWithArguments() throws IOException {
        List<String> failures = new ArrayList<>();
        for (Properties file : List.of(english(), chinese())) {
            for (String key : file.stringPropertyNames()) {
                String pattern = file.getProperty(key);
                try {
                    String formatted = new MessageFormat(pattern, Locale.ROOT).format(DUMMY_ARGS);
                    if (formatted.matches("(?s).*\\{\\d+}.*")) {
                        failures.add(key + ": placeholder left unfilled in " + formatted);
                    }
                } catch (IllegalArgumentException e) {
                    failures.add(key + ": " + e.getMessage());
                }
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void apostrophesAreDoubledForMessageFormat() throws IOException {
        List<String> failures = new ArrayList<>();
        for (Properties file : List.of(english(), chinese())) {
            for (String key : file.stringPropertyNames()) {
                if (LONE_APOSTROPHE.matcher(file.getProperty(key)).find()) {
                    failures.add(key);
                }
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void bothLanguagesUseTheSamePlaceholders() throws IOException {
        Properties en = english();
        Properties zh = chinese();
        List<String> failures = new ArrayList<>();
        for (String key : en.stringPropertyNames()) {
            String chineseText = zh.getProperty(key);
            if (chineseText != null && !placeholders(en.getProperty(key)).equals(placeholders(chineseText))) {
                failures.add(key);
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void chineseTextsAreTranslated() throws IOException {
        Properties zh = chinese();
        for (String key : List.of("help.title", "help.intro", "form.cancel", "render.continued",
                "error.unknown_command", "error.amount.invalid")) {
            assertTrue(containsCjk(zh.getProperty(key)), key);
        }
    }

    // --- Messages -----------------------------------------------------------------------------------------

    @Test
    void englishHelpTitle() {
        assertEquals("What Pacer can do", Messages.of(Language.EN).get("help.title"));
    }

    @Test
    void chineseHelpTitleIsChinese() {
        String title = Messages.of(Language.ZH).get("help.title");
        assertTrue(containsCjk(title), title);
    }

    @Test
    void messagesFillArgumentsAndUnquoteApostrophes() {
        assertEquals("Hi Mei, I'm Pacer", Messages.of(Language.EN).get("help.greeting", "Mei"));
        assertEquals("(continued)", Messages.of(Language.EN).get("render.continued"));
        assertEquals("(续)", Messages.of(Language.ZH).get("render.continued"));
    }

    @Test
    void missingKeyIsShownAsTheKey() {
        assertEquals("no.such.key", Messages.of(Language.EN).get("no.such.key"));
        assertFalse(Messages.of(Language.EN).has("no.such.key"));
        assertTrue(Messages.of(Language.ZH).has("help.title"));
    }

    @Test
    void eachLanguageHasItsMessages() {
        for (Language language : Language.values()) {
            assertEquals(language, Messages.of(language).language());
        }
    }

    // --- Language -----------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"zh", "zh-CN", "zh_CN", "zh_Hans", "zh-Hans-CN", "zh-TW", "zh-HK", "ZH", " zh-cn ", "中文",
        "简体中文", "Chinese"})
    void chineseTagsMapToChinese(String tag) {
        assertEquals(Optional.of(Language.ZH), Language.fromTag(tag));
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "en-US", "en_GB", "EN", "english", "英文", "英语"})
    void englishTagsMapToEnglish(String tag) {
        assertEquals(Optional.of(Language.EN), Language.fromTag(tag));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"fr", "fr-FR", "de", "   ", "zhx", "eng", "ja-JP"})
    void otherTagsMapToNothing(String tag) {
        assertEquals(Optional.empty(), Language.fromTag(tag));
    }

    @Test
    void tagsRoundTrip() {
        for (Language language : Language.values()) {
            assertEquals(Optional.of(language), Language.fromTag(language.tag()));
        }
    }
}
