package dl2.dataset.sequence;

import dl2.common.Rng;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Makes date-format questions in the format of the book's {@code date.txt} from a seed, with no download
 * (section 8.4.1; DESIGN.md, "Date questions").
 *
 * <p>A line is a date written in one of the {@link Shape}s, left-justified in 29 characters, then
 * {@code _} and the date as {@code YYYY-MM-DD}: {@code "september 27, 1994           _1994-09-27"}. Days
 * are drawn uniformly from the years asked for (1970-2017 as in the book), shapes with the book's shares;
 * no question appears twice. With all shapes present the vocabulary has the book's 59 characters.
 */
public final class DateGenerator {
    /** Characters in a question: {@code Wednesday, September 27, 1995}. */
    public static final int QUESTION_WIDTH = 29;
    /** Characters in an answer, {@code _} included: {@code _1995-09-27}. */
    public static final int ANSWER_WIDTH = 11;
    /** Lines in the book's file. */
    public static final int DEFAULT_COUNT = 50_000;
    /** The book's first year. */
    public static final int DEFAULT_FIRST_YEAR = 1970;
    /** The book's last year. */
    public static final int DEFAULT_LAST_YEAR = 2017;

    /** Draws of a date for one line before giving up: only reached when the years cannot give enough questions. */
    private static final int MAX_TRIES = 10_000;

    /** How a question writes its date, with its share of the lines in percent (as in the book's file). */
    public enum Shape {
        /** {@code 8/23/08}. */
        NUMERIC(25),
        /** {@code September 27, 1994}. */
        MONTH_TITLE(14),
        /** {@code september 27, 1994}. */
        MONTH_LOWER(7),
        /** {@code SEPTEMBER 27, 1994}. */
        MONTH_UPPER(7),
        /** {@code Sep 27, 1994}. */
        SHORT_MONTH_TITLE(11.5),
        /** {@code sep 27, 1994}. */
        SHORT_MONTH_LOWER(6),
        /** {@code SEP 27, 1994}. */
        SHORT_MONTH_UPPER(5.5),
        /** {@code Tuesday, September 27, 1994}. */
        WEEKDAY_TITLE(12.5),
        /** {@code tuesday, september 27, 1994}. */
        WEEKDAY_LOWER(6),
        /** {@code TUESDAY, SEPTEMBER 27, 1994}. */
        WEEKDAY_UPPER(6);

        /** Percent of the lines written in this shape, as DESIGN.md gives it (the ten add up to 100.5: shapes are drawn in proportion). */
        public final double share;

        Shape(double share) {
            this.share = share;
        }

        /** {@code date} written in this shape, without padding. */
        public String format(LocalDate date) {
            String month = title(date.getMonth().name());
            String rest = " " + date.getDayOfMonth() + ", " + date.getYear();
            String text = switch (this) {
                case NUMERIC -> date.getMonthValue() + "/" + date.getDayOfMonth() + "/" + twoDigits(date.getYear() % 100);
                case MONTH_TITLE, MONTH_LOWER, MONTH_UPPER -> month + rest;
                case SHORT_MONTH_TITLE, SHORT_MONTH_LOWER, SHORT_MONTH_UPPER -> month.substring(0, 3) + rest;
                case WEEKDAY_TITLE, WEEKDAY_LOWER, WEEKDAY_UPPER -> title(date.getDayOfWeek().name()) + ", " + month + rest;
            };
            return switch (this) {
                case MONTH_LOWER, SHORT_MONTH_LOWER, WEEKDAY_LOWER -> text.toLowerCase(Locale.ROOT);
                case MONTH_UPPER, SHORT_MONTH_UPPER, WEEKDAY_UPPER -> text.toUpperCase(Locale.ROOT);
                default -> text;
            };
        }

        private static String twoDigits(int n) {
            return (n < 10 ? "0" : "") + n;
        }

        private static String title(String upperCaseName) {
            return upperCaseName.charAt(0) + upperCaseName.substring(1).toLowerCase(Locale.ROOT);
        }
    }

    private DateGenerator() {
    }

    /** {@link #DEFAULT_COUNT} lines over the book's years from {@code seed}. */
    public static List<String> generate(long seed) {
        return generate(seed, DEFAULT_COUNT);
    }

    /** {@code count} lines over the book's years 1970-2017. */
    public static List<String> generate(long seed, int count) {
        return generate(seed, count, DEFAULT_FIRST_YEAR, DEFAULT_LAST_YEAR);
    }

    /**
     * {@code count} lines with dates from January 1 of {@code firstYear} to December 31 of {@code lastYear},
     * all questions different, the same for the same seed.
     *
     * @throws IllegalArgumentException when the years are not four-digit, span 100 years or more (M/D/YY
     *                                  would be ambiguous) or give too few dates for {@code count} questions
     */
    public static List<String> generate(long seed, int count, int firstYear, int lastYear) {
        if (firstYear < 1000 || lastYear > 9999 || firstYear > lastYear || lastYear - firstYear >= 100) {
            throw new IllegalArgumentException("years must be four-digit, in order and less than 100 apart: "
                    + firstYear + "-" + lastYear);
        }
        if (count < 1) {
            throw new IllegalArgumentException("count must be positive: " + count);
        }
        Shape[] shapes = Shape.values();
        double[] shares = new double[shapes.length];
        for (int i = 0; i < shapes.length; i++) {
            shares[i] = shapes[i].share;
        }
        long firstDay = LocalDate.of(firstYear, 1, 1).toEpochDay();
        int days = (int) (LocalDate.of(lastYear, 12, 31).toEpochDay() - firstDay + 1);

        Rng rng = new Rng(seed);
        Set<String> seen = new HashSet<>();
        List<String> lines = new ArrayList<>(count);
        while (lines.size() < count) {
            Shape shape = shapes[rng.choice(shares)];
            LocalDate date;
            String question;
            int tries = 0;
            do {
                if (++tries > MAX_TRIES) {
                    throw new IllegalArgumentException("years " + firstYear + "-" + lastYear + " give too few different "
                            + shape + " dates for " + count + " questions; ask for fewer or widen the years");
                }
                date = LocalDate.ofEpochDay(firstDay + rng.nextInt(days));
                question = shape.format(date);
            } while (!seen.add(question));
            lines.add(Sequence.ljust(question, QUESTION_WIDTH) + "_" + date);
        }
        return lines;
    }
}
