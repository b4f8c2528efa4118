package app.pacer.core.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AmountArgTest {

    private static final ParseContext CONTEXT =
            new ParseContext(LocalDate.of(2026, 12, 1), ZoneId.of("Asia/Shanghai"), "U_SELF", Map.of());
    private static final AmountArg AMOUNT = AmountArg.positive();

    private static BigDecimal parse(String text) {
        return AMOUNT.parse(text, CONTEXT);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "12000      | 12000",
        "12,000     | 12000",
        "12k        | 12000",
        "12K        | 12000",
        "1.2m       | 1200000",
        "1.2万      | 12000",
        "1.2w       | 12000",
        "3千        | 3000",
        "3亿        | 300000000",
        "¥5000      | 5000",
        "$1,500     | 1500",
        "€2k        | 2000",
        "0.5k       | 500",
        "1,234.56   | 1234.56",
        "12,000.50  | 12000.5",
        ".5         | 0.5",
        "+5         | 5",
        "12 000     | 12000",
        "１２ｋ      | 12000",
        "1000000000000 | 1000000000000",
        "0.0001     | 0.0001",
    })
    void acceptsTheWaysSalespeopleTypeAmounts(String input, String expected) {
        BigDecimal value = parse(input);
        assertEquals(0, value.compareTo(new BigDecimal(expected)), () -> input + " parsed as " + value);
    }

    @Test
    void suffixedAmountsAreExactIntegersNotFloatingPointApproximations() {
        assertEquals(new BigDecimal("12000"), parse("1.2万"));
        assertEquals(new BigDecimal("1100000"), parse("1.1m"));
        assertEquals(new BigDecimal("300"), parse("0.3k"));
        assertEquals(new BigDecimal("330000000"), parse("3.3亿"));
        assertEquals(new BigDecimal("12000"), parse("12,000"));
    }

    @Test
    void decimalsKeepTheirExactDigits() {
        assertEquals(new BigDecimal("1234.56"), parse("1,234.56"));
        assertEquals(new BigDecimal("0.1"), parse("0.10"));
        assertEquals(new BigDecimal("1234.5"), parse("1.2345k"));
    }

    @Test
    void resultsNeverHaveANegativeScale() {
        for (String input : new String[] {"12000", "1.2万", "3亿", "1.2m", "12k", "1000000000000"}) {
            BigDecimal value = parse(input);
            assertTrue(value.scale() >= 0, () -> input + " has scale " + value.scale());
            assertEquals(value.toBigInteger().toString(), value.toPlainString(), input);
        }
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', value = {
        "-5             | error.amount.negative",
        "-1.2k          | error.amount.negative",
        "abc            | error.amount.invalid",
        "NaN            | error.amount.invalid",
        "Infinity       | error.amount.invalid",
        "1e10           | error.amount.invalid",
        "''             | error.amount.invalid",
        "'   '          | error.amount.invalid",
        "1,00           | error.amount.invalid",
        "12,0000        | error.amount.invalid",
        "k              | error.amount.invalid",
        "1.2.3          | error.amount.invalid",
        "0x10           | error.amount.invalid",
        "2000000000000  | error.amount.too_large",
        "1000000000000.01 | error.amount.too_large",
        "10001亿        | error.amount.too_large",
        "1.23456        | error.amount.precision",
        "0              | error.amount.zero",
        "0.00           | error.amount.zero",
        "0k             | error.amount.zero",
    })
    void refusesWithTheReason(String input, String key) {
        ArgError error = assertThrows(ArgError.class, () -> parse(input));
        assertEquals(key, error.key());
    }

    @Test
    void errorsCarryWhatWasTypedAndTheLimit() {
        ArgError negative = assertThrows(ArgError.class, () -> parse("-5"));
        assertArrayEquals(new Object[] {"-5"}, negative.args());

        ArgError tooLarge = assertThrows(ArgError.class, () -> parse("2000000000000"));
        assertArrayEquals(new Object[] {"2000000000000", "1000000000000"}, tooLarge.args());
    }

    @Test
    void zeroIsAcceptedWhenAllowed() {
        AmountArg allowZero = new AmountArg(new BigDecimal("100"), true);
        assertEquals(0, allowZero.parse("0", CONTEXT).signum());
        assertEquals("error.amount.too_large",
                assertThrows(ArgError.class, () -> allowZero.parse("101", CONTEXT)).key());
    }

    /**
     * Suspected bug: anything longer than 38 characters is refused as "too large" before it is looked at,
     * so a sentence typed into the amount field gets "… is more than the largest amount I accept".
     */
    @Test
    void longNonNumericTextIsReportedAsInvalidNotTooLarge() {
        ArgError error = assertThrows(ArgError.class,
                () -> parse("please log the amount from yesterday's very big deal with acme corporation"));
        assertEquals("error.amount.invalid", error.key());
    }

    @Test
    void placeholderIsTheAmountKey() {
        assertEquals("arg.amount", AMOUNT.placeholderKey());
    }
}
