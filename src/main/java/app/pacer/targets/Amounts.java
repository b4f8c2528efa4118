package app.pacer.targets;

import app.pacer.core.reply.Language;
import app.pacer.core.reply.Markdown;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.Currency;

/** Amounts as people read them: money in the workspace currency ({@code ¥12,000}), counts with grouping. */
public final class Amounts {

    private Amounts() {
    }

    public static String format(BigDecimal amount, Metric metric, Language language, String currency) {
        BigDecimal value = amount.stripTrailingZeros();
        boolean whole = value.scale() <= 0;
        if (metric.money()) {
            NumberFormat money = NumberFormat.getCurrencyInstance(language.locale());
            money.setCurrency(Currency.getInstance(currency));
            money.setMinimumFractionDigits(whole ? 0 : 2);
            money.setMaximumFractionDigits(whole ? 0 : 2);
            money.setRoundingMode(RoundingMode.HALF_UP);
            return money.format(amount);
        }
        NumberFormat number = NumberFormat.getNumberInstance(language.locale());
        number.setMaximumFractionDigits(whole ? 0 : 2);
        number.setRoundingMode(RoundingMode.HALF_UP);
        String text = number.format(amount);
        // as Markdown: a custom metric's unit is typed by an admin
        return metric.unit() == null || metric.unit().isBlank() ? text : text + " " + Markdown.literal(metric.unit());
    }
}
