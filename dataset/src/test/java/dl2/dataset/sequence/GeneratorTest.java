package dl2.dataset.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dl2.dataset.DataException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorTest {
    private static List<String> additions;
    private static List<String> dates;

    @BeforeAll
    static void generate() {
        additions = AdditionGenerator.generate(1984);
        dates = DateGenerator.generate(1984);
    }

    private static Set<String> questions(List<String> lines) {
        Set<String> set = new HashSet<>();
        for (String line : lines) {
            set.add(line.substring(0, line.indexOf('_')));
        }
        return set;
    }

    @Test
    void additionLinesHaveTheBookWidthsAndCorrectSums() {
        assertEquals(AdditionGenerator.DEFAULT_COUNT, additions.size());
        Pattern line = Pattern.compile("(0|[1-9][0-9]{0,2})\\+(0|[1-9][0-9]{0,2}) *_([0-9]+) *");
        int short1 = 0;
        for (String s : additions) {
            assertEquals(12, s.length(), s);
            assertEquals('_', s.charAt(7), s);
            Matcher m = line.matcher(s);
            assertTrue(m.matches(), "no leading zeros, a, b < 1000: " + s);
            int a = Integer.parseInt(m.group(1));
            int b = Integer.parseInt(m.group(2));
            assertEquals(a + b, Integer.parseInt(m.group(3)), s);
            short1 += a < 10 ? 1 : 0;
        }
        assertEquals(additions.size(), questions(additions).size(), "no duplicate questions");
        double shareOneDigit = short1 / (double) additions.size();
        // As in the book's file: 1, 2 or 3 digits alike, less the repeats of the few short questions
        // (a uniform draw from 0..999 would give 1 %).
        assertTrue(shareOneDigit > 0.1 && shareOneDigit < 0.25, "one-digit first operands: " + shareOneDigit);
    }

    @Test
    void additionVocabularyHas13CharactersAndGenerationIsDeterministic() {
        SequenceData data = Sequence.fromLines("mem", additions, 1984);
        assertEquals(13, data.vocabSize());
        assertEquals(7, data.questionWidth());
        assertEquals(5, data.answerWidth());
        assertEquals(AdditionGenerator.generate(5, 300), AdditionGenerator.generate(5, 300));
        assertNotEquals(AdditionGenerator.generate(5, 300), AdditionGenerator.generate(6, 300));
    }

    private static final String MONTH = "([A-Za-z]+)";
    private static final Map<DateGenerator.Shape, Pattern> SHAPES = new EnumMap<>(Map.of(
            DateGenerator.Shape.NUMERIC, Pattern.compile("([1-9][0-2]?)/([1-9][0-9]?)/([0-9]{2})"),
            DateGenerator.Shape.MONTH_TITLE, Pattern.compile("()([A-Z][a-z]+) ([1-9][0-9]?), ([0-9]{4})"),
            DateGenerator.Shape.MONTH_LOWER, Pattern.compile("()([a-z]+) ([1-9][0-9]?), ([0-9]{4})"),
            DateGenerator.Shape.MONTH_UPPER, Pattern.compile("()([A-Z]+) ([1-9][0-9]?), ([0-9]{4})"),
            DateGenerator.Shape.WEEKDAY_TITLE, Pattern.compile("([A-Z][a-z]+), ([A-Z][a-z]+) ([1-9][0-9]?), ([0-9]{4})"),
            DateGenerator.Shape.WEEKDAY_LOWER, Pattern.compile("([a-z]+), ([a-z]+) ([1-9][0-9]?), ([0-9]{4})"),
            DateGenerator.Shape.WEEKDAY_UPPER, Pattern.compile("([A-Z]+), ([A-Z]+) ([1-9][0-9]?), ([0-9]{4})")));

    /** Parses a question by regular expression and java.time, independently of the generator. */
    private static LocalDate parse(String question, Map<DateGenerator.Shape, Integer> counts) {
        for (Map.Entry<DateGenerator.Shape, Pattern> e : SHAPES.entrySet()) {
            Matcher m = e.getValue().matcher(question);
            if (!m.matches()) {
                continue;
            }
            if (e.getKey() == DateGenerator.Shape.NUMERIC) {
                counts.merge(e.getKey(), 1, Integer::sum);
                int yy = Integer.parseInt(m.group(3));
                return LocalDate.of(yy >= 70 ? 1900 + yy : 2000 + yy, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            }
            String month = m.group(2);
            Month mon = null;
            boolean isShort = month.length() == 3 && !month.equalsIgnoreCase("may");
            for (Month candidate : Month.values()) {
                if (candidate.name().equalsIgnoreCase(month) || candidate.name().substring(0, 3).equalsIgnoreCase(month)) {
                    mon = candidate;
                }
            }
            LocalDate date = LocalDate.of(Integer.parseInt(m.group(4)), mon, Integer.parseInt(m.group(3)));
            if (!m.group(1).isEmpty()) {
                assertEquals(DayOfWeek.valueOf(m.group(1).toUpperCase(Locale.ROOT)), date.getDayOfWeek(), "weekday of " + question);
            }
            DateGenerator.Shape shape = e.getKey();
            if (isShort) {
                shape = DateGenerator.Shape.valueOf(shape.name().replace("MONTH", "SHORT_MONTH"));
            }
            counts.merge(shape, 1, Integer::sum);
            return date;
        }
        throw new AssertionError("no shape matches " + question);
    }

    @Test
    void dateLinesHaveTheBookWidthsAndCorrectAnswers() {
        assertEquals(DateGenerator.DEFAULT_COUNT, dates.size());
        Map<DateGenerator.Shape, Integer> counts = new EnumMap<>(DateGenerator.Shape.class);
        for (String s : dates) {
            assertEquals(40, s.length(), s);
            assertEquals('_', s.charAt(29), s);
            LocalDate date = parse(s.substring(0, 29).strip(), counts);
            assertEquals("_" + date, s.substring(29));
            assertTrue(date.getYear() >= 1970 && date.getYear() <= 2017, s);
        }
        assertEquals(dates.size(), questions(dates).size(), "no duplicate questions");

        // "May" is both the full and the short name: the parser counts those short-name lines as full names.
        for (DateGenerator.Shape shape : DateGenerator.Shape.values()) {
            double expected = shape.share;
            if (shape.name().startsWith("SHORT")) {
                expected *= 11.0 / 12;
            } else if (shape.name().startsWith("MONTH")) {
                expected += DateGenerator.Shape.valueOf("SHORT_" + shape.name()).share / 12;
            }
            expected *= 100 / 100.5;  // the book's shares add up to 100.5 %
            double percent = 100.0 * counts.getOrDefault(shape, 0) / dates.size();
            assertEquals(expected, percent, 0.6, shape + " share in percent");
        }
    }

    @Test
    void dateVocabularyHasTheBook59CharactersAndGenerationIsDeterministic() {
        SequenceData data = Sequence.fromLines("mem", dates, 1984);
        assertEquals(59, data.vocabSize());
        assertEquals(29, data.questionWidth());
        assertEquals(11, data.answerWidth());
        assertEquals(DateGenerator.generate(5, 300), DateGenerator.generate(5, 300));
        assertNotEquals(DateGenerator.generate(5, 300), DateGenerator.generate(6, 300));
    }

    @Test
    void shapesWriteTheBookExamples() {
        LocalDate d = LocalDate.of(1994, 9, 27);
        assertEquals("9/27/94", DateGenerator.Shape.NUMERIC.format(d));
        assertEquals("8/3/08", DateGenerator.Shape.NUMERIC.format(LocalDate.of(2008, 8, 3)));
        assertEquals("september 27, 1994", DateGenerator.Shape.MONTH_LOWER.format(d));
        assertEquals("Sep 27, 1994", DateGenerator.Shape.SHORT_MONTH_TITLE.format(d));
        assertEquals("SEP 27, 1994", DateGenerator.Shape.SHORT_MONTH_UPPER.format(d));
        assertEquals("TUESDAY, SEPTEMBER 27, 1994", DateGenerator.Shape.WEEKDAY_UPPER.format(d));
        assertEquals("Wednesday, September 27, 1995", DateGenerator.Shape.WEEKDAY_TITLE.format(d.plusYears(1)));
        assertEquals(29, DateGenerator.Shape.WEEKDAY_TITLE.format(d.plusYears(1)).length(), "the longest question fills 29");
    }

    @Test
    void yearRangeIsAParameterAndTooFewDatesAreRefused() {
        for (String line : DateGenerator.generate(1, 2_000, 2000, 2001)) {
            assertTrue(line.substring(30, 34).equals("2000") || line.substring(30, 34).equals("2001"), line);
        }
        assertThrows(IllegalArgumentException.class, () -> DateGenerator.generate(1, 50_000, 2000, 2000));
        assertThrows(IllegalArgumentException.class, () -> DateGenerator.generate(1, 10, 1950, 2050));
    }

    @Test
    void sourceGeneratesByDefaultAndLoadsAPath() {
        SequenceData generated = SequenceSource.resolve(null, "addition", 7);
        assertTrue(generated.source().startsWith("generated addition questions (seed 7"), generated.source());
        assertEquals(45_000, generated.xTrain().dim(0));
        assertEquals(5_000, generated.xTest().dim(0));
        assertEquals(59, SequenceSource.resolve("builtin", "date", 7).vocabSize());
        DataException e = assertThrows(DataException.class, () -> SequenceSource.resolve("no/such/date.txt", "date", 7));
        assertTrue(e.getMessage().contains("no/such/date.txt"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SequenceSource.resolve(null, "french", 7));
    }

    @Test
    void aFileTooShortForATestSetIsRefused(@TempDir Path dir) {
        Path nine = dir.resolve("nine.txt");
        Sequence.write(nine, AdditionGenerator.generate(3, 9));
        DataException e = assertThrows(DataException.class, () -> SequenceSource.resolve(nine.toString(), "addition", 1));
        assertEquals(nine + " has only 9 questions; the last tenth of the lines is the test set, so give at least 10 lines.", e.getMessage());
        Path ten = dir.resolve("ten.txt");
        Sequence.write(ten, AdditionGenerator.generate(3, 10));
        assertEquals(1, SequenceSource.resolve(ten.toString(), "addition", 1).xTest().dim(0));
    }

    @Test
    void writtenFilesAreReadableByOthersLikeAnyNewFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("a.txt");
        Sequence.write(file, AdditionGenerator.generate(3, 10));
        Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(file));
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary file is left");
        }
    }
}
