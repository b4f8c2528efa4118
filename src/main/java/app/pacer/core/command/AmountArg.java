package app.pacer.core.command;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Amounts as salespeople type them: {@code 12000}, {@code 12,000}, {@code 12k}, {@code 1.2m}, {@code 1.2万},
 * {@code 3亿}, optionally after a currency sign. Exact decimals, never floating point. Negative, non-numeric
 * and absurdly large values are refused with a message saying why.
 */
public final class AmountArg implements ArgType<BigDecimal> {

    private static final Pattern AMOUNT = Pattern.compile(
            "([+-])?[¥$€£]?([0-9]{1,3}(?:,[0-9]{3})+|[0-9]*)(?:\\.([0-9]+))?(k|m|w|万|千|亿)?");
    private static final int MAX_DIGITS = 30;

    private final BigDecimal max;
    private final boolean allowZero;

    public AmountArg(BigDecimal max, boolean allowZero) {
        this.max = max;
        this.allowZero = allowZero;
    }

    /** Positive amounts up to a trillion. */
    public static AmountArg positive() {
        return new AmountArg(new BigDecimal("1000000000000"), false);
    }

    @Override
    public BigDecimal parse(String text, ParseContext context) {
        String s = Tokenizer.normalize(text).trim().toLowerCase(Locale.ROOT).replace(" ", "");
        if (s.length() > 200) {
            throw new ArgError("error.amount.invalid", text.substring(0, 20) + "…");
        }
        Matcher m = AMOUNT.matcher(s);
        if (!m.matches() || (m.group(2).isEmpty() && m.group(3) == null)) {
            throw new ArgError("error.amount.invalid", text);
        }
        if (s.length() > MAX_DIGITS + 8) {
            throw new ArgError("error.amount.too_large", text, max.toPlainString());
        }
        String whole = m.group(2).replace(",", "");
        String fraction = m.group(3);
        BigDecimal value = new BigDecimal((whole.isEmpty() ? "0" : whole) + (fraction == null ? "" : "." + fraction));
        value = value.multiply(multiplier(m.group(4)));
        if ("-".equals(m.group(1)) && value.signum() != 0) {
            throw new ArgError("error.amount.negative", text);
        }
        if (value.signum() == 0 && !allowZero) {
            throw new ArgError("error.amount.zero", text);
        }
        if (value.compareTo(max) > 0) {
            throw new ArgError("error.amount.too_large", text, max.toPlainString());
        }
        if (value.scale() > 4 && value.stripTrailingZeros().scale() > 4) {
            throw new ArgError("error.amount.precision", text);
        }
        value = value.stripTrailingZeros();
        return value.scale() < 0 ? value.setScale(0) : value;
    }

    private static BigDecimal multiplier(String suffix) {
        if (suffix == null) {
            return BigDecimal.ONE;
        }
        return switch (suffix) {
            case "k", "千" -> BigDecimal.valueOf(1_000);
            case "w", "万" -> BigDecimal.valueOf(10_000);
            case "m" -> BigDecimal.valueOf(1_000_000);
            case "亿" -> BigDecimal.valueOf(100_000_000);
            default -> BigDecimal.ONE;
        };
    }

    @Override
    public String placeholderKey() {
        return "arg.amount";
    }
}
