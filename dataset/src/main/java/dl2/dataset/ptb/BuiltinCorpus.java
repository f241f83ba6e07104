package dl2.dataset.ptb;

import dl2.common.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A PTB-like corpus made by a small seeded stochastic grammar, so the language-model programs of chapters
 * 5-7 run with no download ({@code --data builtin}; DESIGN.md, "dataset/ptb.py").
 *
 * <p>The grammar writes news-like sentences ending with {@code <eos>}:
 * <pre>
 *   S    -&gt; NP VP | NP VP , Conj NP VP | mr. &lt;unk&gt; said NP VP
 *   NP   -&gt; Det Adj* N (PP)  |  N Nplural  |  mr. &lt;unk&gt;
 *   VP   -&gt; Vt NP | Vi Adv | Vi PP
 *   PP   -&gt; Prep NP
 * </pre>
 * Determiner, noun and verb agree in number ("this stock rises", "these stocks rise"), and each sentence
 * is about one of six topics (markets, sports, weather, politics, science, food) whose nouns, verbs and
 * adjectives it mostly uses; the topic changes now and then, like the articles of a newspaper. Within a
 * list, words are drawn with Zipf-like weights (the first is the most common). 405 words in all,
 * numbers written {@code N} as in PTB. A language model learns the structure, so its perplexity falls far
 * below the vocabulary size: on the default corpus a unigram model scores about 130 on the valid text,
 * a bigram model about 28.
 *
 * <p>Word ids are numbered in order of first appearance in the training text, like {@link Ptb}; words
 * the grammar knows but training never used follow, so the valid and test texts have no unknown word
 * and the three splits share one vocabulary.
 */
public final class BuiltinCorpus {
    /** The seed used when a program does not choose one. */
    public static final long DEFAULT_SEED = 1984;
    /** Words of the training text unless a program asks for another size. */
    public static final int DEFAULT_TRAIN_WORDS = 100_000;
    /** Words of the valid text and of the test text. */
    public static final int HELD_OUT_WORDS = 10_000;

    /** Per topic (markets, sports, weather, politics, science, food): nouns as singular/plural. */
    private static final String[][] NOUNS = {
        words("stock/stocks share/shares price/prices investor/investors company/companies market/markets bond/bonds"
                + " trader/traders bank/banks fund/funds analyst/analysts rate/rates profit/profits index/indexes"),
        words("team/teams player/players game/games coach/coaches season/seasons fan/fans league/leagues"
                + " match/matches goal/goals title/titles stadium/stadiums referee/referees"),
        words("storm/storms river/rivers farmer/farmers crop/crops field/fields forest/forests village/villages"
                + " wind/winds tree/trees flood/floods valley/valleys road/roads"),
        words("government/governments senator/senators law/laws bill/bills voter/voters election/elections"
                + " party/parties committee/committees official/officials court/courts tax/taxes agency/agencies"),
        words("researcher/researchers computer/computers study/studies system/systems scientist/scientists"
                + " network/networks chip/chips engineer/engineers program/programs device/devices laboratory/laboratories"),
        words("restaurant/restaurants chef/chefs meal/meals customer/customers dish/dishes kitchen/kitchens"
                + " wine/wines menu/menus bakery/bakeries bread/breads waiter/waiters"),
    };
    /** Per topic: transitive verbs as base/third-person/past. */
    private static final String[][] TRANSITIVE = {
        words("buy/buys/bought sell/sells/sold report/reports/reported raise/raises/raised expect/expects/expected"
                + " acquire/acquires/acquired"),
        words("win/wins/won lose/loses/lost sign/signs/signed beat/beats/beat score/scores/scored hire/hires/hired"),
        words("damage/damages/damaged destroy/destroys/destroyed plant/plants/planted harvest/harvests/harvested"
                + " protect/protects/protected cross/crosses/crossed"),
        words("pass/passes/passed approve/approves/approved reject/rejects/rejected propose/proposes/proposed"
                + " support/supports/supported investigate/investigates/investigated"),
        words("develop/develops/developed test/tests/tested design/designs/designed publish/publishes/published"
                + " build/builds/built analyze/analyzes/analyzed"),
        words("cook/cooks/cooked serve/serves/served order/orders/ordered taste/tastes/tasted enjoy/enjoys/enjoyed"
                + " recommend/recommends/recommended"),
    };
    /** Per topic: intransitive verbs as base/third-person/past. */
    private static final String[][] INTRANSITIVE = {
        words("rise/rises/rose fall/falls/fell gain/gains/gained slip/slips/slipped recover/recovers/recovered"),
        words("play/plays/played train/trains/trained struggle/struggles/struggled celebrate/celebrates/celebrated"),
        words("grow/grows/grew spread/spreads/spread freeze/freezes/froze dry/dries/dried"),
        words("vote/votes/voted resign/resigns/resigned campaign/campaigns/campaigned negotiate/negotiates/negotiated"),
        words("work/works/worked fail/fails/failed improve/improves/improved compete/competes/competed"),
        words("open/opens/opened close/closes/closed eat/eats/ate expand/expands/expanded"),
    };
    /** Per topic: adjectives. */
    private static final String[][] ADJECTIVES = {
        words("strong weak volatile quarterly foreign financial"),
        words("young veteran talented final rival injured"),
        words("heavy dry cold warm northern coastal"),
        words("federal local democratic republican controversial public"),
        words("digital powerful experimental electronic advanced faster"),
        words("fresh delicious spicy expensive popular french"),
    };
    private static final String[] SHARED_ADJECTIVES = words("new big small other last major");
    private static final String[] SINGULAR_DETERMINERS = words("the a this that every each");
    private static final String[] PLURAL_DETERMINERS = words("the some these many those all");
    private static final String[] PREPOSITIONS = words("in on with from after for near about during at");
    private static final String[] ADVERBS = words("yesterday again sharply quickly today slowly recently steadily");
    private static final String[] TITLES = words("mr. ms.");
    private static final String[] CONJUNCTIONS = words("but and while");
    private static final List<String> ALL_WORDS = allWords();

    private BuiltinCorpus() {
    }

    /** One split with the default training size: the builtin stand-in for {@link Ptb#load}. */
    public static Corpus load(long seed, String split) {
        return load(seed, split, DEFAULT_TRAIN_WORDS);
    }

    /**
     * One split of the corpus made from {@code seed}: {@code train} has {@code trainWords} words,
     * {@code valid} and {@code test} {@link #HELD_OUT_WORDS} each; all three share the vocabulary.
     */
    public static Corpus load(long seed, String split, int trainWords) {
        String name = Ptb.checkSplit(split);
        Rng seeds = new Rng(seed);
        long trainSeed = seeds.nextLong();
        long validSeed = seeds.nextLong();
        long testSeed = seeds.nextLong();
        List<String> train = generate(trainSeed, trainWords);
        Set<String> vocabulary = new LinkedHashSet<>(train);
        vocabulary.addAll(ALL_WORDS);
        List<String> text = switch (name) {
            case "train" -> train;
            case "valid" -> generate(validSeed, HELD_OUT_WORDS);
            default -> generate(testSeed, HELD_OUT_WORDS);
        };
        List<String> idToWord = List.copyOf(vocabulary);
        Map<String, Integer> wordToId = new HashMap<>();
        for (int i = 0; i < idToWord.size(); i++) {
            wordToId.put(idToWord.get(i), i);
        }
        int[] ids = text.stream().mapToInt(wordToId::get).toArray();
        return new Corpus(describe(seed, trainWords) + ", " + name, ids, idToWord);
    }

    /** How programs announce this data, e.g. "builtin corpus (generated, seed 1984, 100000 training words)". */
    public static String describe(long seed, int trainWords) {
        return "builtin corpus (generated, seed " + seed + ", " + trainWords + " training words)";
    }

    /** Exactly {@code numWords} words of grammar text from {@code seed}, {@code <eos>} closing each sentence. */
    public static List<String> generate(long seed, int numWords) {
        if (numWords < 1) {
            throw new IllegalArgumentException("numWords must be positive: " + numWords);
        }
        Grammar grammar = new Grammar(new Rng(seed));
        while (grammar.out.size() < numWords) {
            grammar.sentence();
        }
        return List.copyOf(grammar.out.subList(0, numWords));
    }

    /** The grammar's state while it writes: the random source, the text so far and the current topic. */
    private static final class Grammar {
        private final Rng rng;
        private final List<String> out = new ArrayList<>();
        private int topic;

        Grammar(Rng rng) {
            this.rng = rng;
            this.topic = rng.nextInt(NOUNS.length);
        }

        void sentence() {
            if (rng.uniform() < 0.2) {
                topic = rng.nextInt(NOUNS.length);
            }
            boolean past = rng.uniform() < 0.5;
            double r = rng.uniform();
            if (r < 0.1) {
                name();
                out.add("said");
                clause(past);
            } else if (r < 0.25) {
                clause(past);
                out.add(",");
                out.add(pick(CONJUNCTIONS));
                clause(past);
            } else {
                clause(past);
            }
            out.add(Ptb.EOS);
        }

        private void clause(boolean past) {
            boolean plural = rng.uniform() < 0.4;
            if (rng.uniform() < 0.1) {
                name();
                plural = false;
            } else {
                nounPhrase(plural, true);
            }
            verbPhrase(plural, past);
        }

        private void name() {
            out.add(pick(TITLES));
            out.add("<unk>");
        }

        private void nounPhrase(boolean plural, boolean mayHavePp) {
            int t = topicForWord();
            if (plural && rng.uniform() < 0.15) {
                out.add("N");
            } else {
                out.add(pick(plural ? PLURAL_DETERMINERS : SINGULAR_DETERMINERS));
                while (rng.uniform() < 0.35) {
                    out.add(rng.uniform() < 0.7 ? pick(ADJECTIVES[t]) : pick(SHARED_ADJECTIVES));
                }
            }
            out.add(form(pick(NOUNS[t]), plural ? 1 : 0));
            if (mayHavePp && rng.uniform() < 0.2) {
                prepositionalPhrase();
            }
        }

        private void verbPhrase(boolean plural, boolean past) {
            int t = topicForWord();
            int tense = past ? 2 : plural ? 0 : 1;
            double r = rng.uniform();
            if (r < 0.5) {
                out.add(form(pick(TRANSITIVE[t]), tense));
                nounPhrase(rng.uniform() < 0.4, true);
            } else if (r < 0.75) {
                out.add(form(pick(INTRANSITIVE[t]), tense));
                out.add(pick(ADVERBS));
            } else {
                out.add(form(pick(INTRANSITIVE[t]), tense));
                prepositionalPhrase();
            }
        }

        private void prepositionalPhrase() {
            out.add(pick(PREPOSITIONS));
            nounPhrase(rng.uniform() < 0.4, false);
        }

        /** Mostly the sentence's topic, sometimes another: topics co-occur without being walled off. */
        private int topicForWord() {
            return rng.uniform() < 0.85 ? topic : rng.nextInt(NOUNS.length);
        }

        /** A word of the list with weight 1 / (rank + 1): the first words are the common ones. */
        private String pick(String[] list) {
            double[] p = new double[list.length];
            for (int i = 0; i < p.length; i++) {
                p[i] = 1.0 / (i + 1);
            }
            return list[rng.choice(p)];
        }
    }

    /** Form {@code i} of a slash-separated entry: "stock/stocks" or "rise/rises/rose". */
    private static String form(String entry, int i) {
        return entry.split("/")[i];
    }

    private static String[] words(String spaceSeparated) {
        return spaceSeparated.split(" ");
    }

    /** Every word the grammar can write, in the order of the tables. */
    private static List<String> allWords() {
        Set<String> all = new LinkedHashSet<>();
        for (String[][] table : List.of(NOUNS, TRANSITIVE, INTRANSITIVE, ADJECTIVES)) {
            for (String[] list : table) {
                for (String entry : list) {
                    all.addAll(Arrays.asList(entry.split("/")));
                }
            }
        }
        for (String[] list : List.of(SHARED_ADJECTIVES, SINGULAR_DETERMINERS, PLURAL_DETERMINERS, PREPOSITIONS,
                ADVERBS, TITLES, CONJUNCTIONS)) {
            all.addAll(Arrays.asList(list));
        }
        all.addAll(List.of("N", "<unk>", "said", ",", Ptb.EOS));
        return List.copyOf(all);
    }
}
