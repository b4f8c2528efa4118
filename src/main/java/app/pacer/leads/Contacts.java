package app.pacer.leads;

import java.util.Locale;
import java.util.regex.Pattern;

/** Email and phone: checked as people type them, normalised for finding duplicates. */
public final class Contacts {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()\\-.]{6,25}");

    private Contacts() {
    }

    public static boolean validEmail(String email) {
        return email.length() <= 254 && EMAIL.matcher(email.trim()).matches();
    }

    public static boolean validPhone(String phone) {
        String digits = phone.replaceAll("\\D", "");
        return PHONE.matcher(phone.trim()).matches() && digits.length() >= 6 && digits.length() <= 15;
    }

    public static String normaliseEmail(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }

    /** Digits only, without the China prefix in any of its spellings (+86, 0086, 86 before 11 digits). */
    public static String normalisePhone(String phone) {
        if (phone == null) {
            return null;
        }
        String digits = phone.replaceAll("\\D", "");
        if (digits.startsWith("0086")) {
            digits = digits.substring(4);
        } else if (digits.startsWith("86") && digits.length() == 13) {
            digits = digits.substring(2);
        }
        return digits;
    }
}
