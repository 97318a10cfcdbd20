// Unit tests of the text stage: UTF-8, normalization, tokenization,
// sentence splitting, clitic segmentation and stems. Table-driven where the
// behaviour is a rule: one row per behaviour.
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "isnad/text/lexicon.h"
#include "isnad/text/normalize.h"
#include "isnad/text/sentences.h"
#include "isnad/text/tokenize.h"
#include "isnad/text/utf8.h"
#include "test_util.h"

namespace isnad {
namespace {

using testing::TestEngine;

TEST(Utf8, FindsFirstInvalidByte) {
  EXPECT_EQ(utf8::FirstInvalid("abc"), std::string_view::npos);
  EXPECT_EQ(utf8::FirstInvalid("حفتر"), std::string_view::npos);
  EXPECT_EQ(utf8::FirstInvalid(std::string("ab\xC3", 3)), 2u);       // truncated
  EXPECT_EQ(utf8::FirstInvalid(std::string("\xC0\xAF", 2)), 0u);     // overlong
  EXPECT_EQ(utf8::FirstInvalid(std::string("\xED\xA0\x80", 3)), 0u);  // surrogate
  EXPECT_EQ(utf8::FirstInvalid("12345678\xFF"), 8u);                  // after the fast path
}

TEST(Utf8, CodePointIndexMatchesCounting) {
  std::string text;
  for (int i = 0; i < 50; ++i) text += "تنظيم الدولة a ";
  utf8::CodePointIndex index(text);
  for (size_t b = 0; b <= text.size(); ++b) {
    if (b < text.size() && (static_cast<unsigned char>(text[b]) & 0xC0) == 0x80) continue;
    ASSERT_EQ(index.ToCodePoint(b), utf8::CountCodePoints(std::string_view(text).substr(0, b))) << b;
  }
}

struct NormalizeRow {
  const char* input;
  const char* matching;  // NormalizeOptions::Matching()
  const char* light;     // NormalizeOptions::Light()
};

TEST(Normalize, EachFoldingDoesOneThing) {
  const NormalizeRow rows[] = {
      {"مُحَمَّد", "محمد", "محمد"},          // diacritics
      {"الـــدولة", "الدوله", "الدولة"},     // tatweel; ta marbuta only when matching
      {"أحمد إبراهيم آل", "احمد ابراهيم ال", "أحمد إبراهيم آل"},  // alef forms
      {"مصطفى", "مصطفي", "مصطفى"},          // alef maqsura
      {"کتاب یوم", "كتاب يوم", "كتاب يوم"},  // Persian keheh and yeh
      {"١٤٣٨ ۱۴۳۸", "1438 1438", "1438 1438"},  // Arabic-Indic and Persian digits
      {"مؤتمر", "مؤتمر", "مؤتمر"},          // hamza carriers kept by default
  };
  for (const auto& row : rows) {
    EXPECT_EQ(Normalize(row.input, NormalizeOptions::Matching()), row.matching) << row.input;
    EXPECT_EQ(Normalize(row.input, NormalizeOptions::Light()), row.light) << row.input;
  }
}

TEST(Normalize, FoldingsAreSwitchable) {
  NormalizeOptions none;
  none.remove_diacritics = none.remove_tatweel = none.fold_alef = none.fold_persian = none.fold_digits = false;
  EXPECT_EQ(Normalize("أَحـمد ١", none), "أَحـمد ١");
  NormalizeOptions hamza = NormalizeOptions::Matching();
  hamza.fold_hamza_carriers = true;
  EXPECT_EQ(Normalize("مؤتمر رئيس", hamza), "موتمر رييس");
}

TEST(Normalize, OffsetsPointBackIntoTheOriginal) {
  std::string text = "قالَ الـرئيس";
  NormalizedText n;
  Normalize(text, NormalizeOptions::Matching(), n);
  ASSERT_EQ(n.text, "قال الرئيس");
  size_t pos = n.text.find("الرئيس");
  ASSERT_NE(pos, std::string::npos);
  // The normalized word maps back to the original word, tatweel included.
  uint32_t b = n.SourceBegin(pos), e = n.SourceEnd(pos + std::string("الرئيس").size());
  EXPECT_EQ(text.substr(b, e - b), "الـرئيس");
}

std::vector<std::pair<std::string, TokenKind>> Tokens(const std::string& text) {
  std::vector<Token> tokens;
  Tokenize(text, tokens);
  std::vector<std::pair<std::string, TokenKind>> out;
  for (const auto& t : tokens) out.emplace_back(text.substr(t.begin, t.end - t.begin), t.kind);
  return out;
}

TEST(Tokenize, SeparatesKindsOfTokens) {
  auto t = Tokens("قال \"حفتر\": 1,500 مقاتل، و3 طائرات F16 https://example.org/a?b=1. #ليبيا @user_1 ...");
  std::vector<std::pair<std::string, TokenKind>> expected = {
      {"قال", TokenKind::kWord},     {"\"", TokenKind::kPunct},      {"حفتر", TokenKind::kWord},
      {"\"", TokenKind::kPunct},     {":", TokenKind::kPunct},       {"1,500", TokenKind::kNumber},
      {"مقاتل", TokenKind::kWord},   {"،", TokenKind::kPunct},       {"و", TokenKind::kWord},
      {"3", TokenKind::kNumber},     {"طائرات", TokenKind::kWord},   {"F16", TokenKind::kLatin},
      {"https://example.org/a?b=1", TokenKind::kUrl}, {".", TokenKind::kPunct},
      {"#ليبيا", TokenKind::kHashtag}, {"@user_1", TokenKind::kMention}, {"...", TokenKind::kPunct},
  };
  EXPECT_EQ(t, expected);
}

TEST(Tokenize, KeepsDiacriticsAndTatweelInsideWords) {
  auto t = Tokens("تَنْظِيـم ٢٠١٧");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].first, "تَنْظِيـم");
  EXPECT_EQ(t[1], (std::pair<std::string, TokenKind>{"٢٠١٧", TokenKind::kNumber}));
}

TEST(Tokenize, CoversEveryNonSpaceCodePoint) {
  std::string text = "  «داعش»\t— ٪50 ☺ x\n";
  std::vector<Token> tokens;
  Tokenize(text, tokens);
  std::string joined, squeezed;
  for (const auto& t : tokens) joined += text.substr(t.begin, t.end - t.begin);
  for (char c : text)
    if (c != ' ' && c != '\t' && c != '\n') squeezed += c;
  EXPECT_EQ(joined, squeezed);
}

std::vector<std::string> Sentences(const std::string& text) {
  std::vector<Token> tokens;
  Tokenize(text, tokens);
  std::vector<Sentence> sentences;
  SplitSentences(text, tokens, TestEngine().text().cues(), sentences);
  std::vector<std::string> out;
  for (const auto& s : sentences)
    out.push_back(text.substr(tokens[s.token_begin].begin, tokens[s.token_end - 1].end - tokens[s.token_begin].begin));
  return out;
}

TEST(Sentences, SplitsAtFinalMarksAndKeepsClosingQuotes) {
  auto s = Sentences("قال المتحدث: \"انتهت المعركة.\" ثم غادر. هل انتهت؟ نعم!");
  std::vector<std::string> expected = {"قال المتحدث: \"انتهت المعركة.\"", "ثم غادر.", "هل انتهت؟", "نعم!"};
  EXPECT_EQ(s, expected);
}

TEST(Sentences, AMarkInsideAShortQuotationDoesNotEndTheSentence) {
  auto s = Sentences("واعتبر أن «هذه الأكاذيب.. ستتسبب بمشكلات». وقال مزهده إن الحركة ستنقسم.");
  std::vector<std::string> expected = {"واعتبر أن «هذه الأكاذيب.. ستتسبب بمشكلات».", "وقال مزهده إن الحركة ستنقسم."};
  EXPECT_EQ(s, expected);
  // An unclosed mark does not swallow the rest of the line.
  EXPECT_EQ(Sentences("قال «انتهت المعركة. ثم غادر الجميع. وعاد الهدوء.").size(), 3u);
}

TEST(Sentences, NumbersAndInitialsDoNotEndSentences) {
  auto s = Sentences("بلغت النسبة 2.5 في المئة بحسب U.S. Army اليوم.");
  EXPECT_EQ(s.size(), 1u);
}

TEST(Sentences, LineBreaksEndSentences) {
  auto s = Sentences("عنوان الخبر\n06/01/2017\nنص الخبر هنا");
  EXPECT_EQ(s.size(), 3u);
}

TEST(Sentences, UnpunctuatedTextSplitsAtDiscourseCues) {
  // Written for this test: a run with no punctuation at all, as some
  // outlets publish.
  std::string text =
      "أعلنت الحكومة في العاصمة عن خطة جديدة لإعادة إعمار المدن المتضررة من الحرب خلال الأعوام المقبلة "
      "وكان وزير المالية قد طالب بزيادة الميزانية المخصصة للمشاريع العامة في المناطق الريفية البعيدة "
      "فيما رفضت المعارضة الخطة واعتبرتها غير كافية لمعالجة الأزمة الاقتصادية التي تعيشها البلاد منذ سنوات "
      "في حين دعا البرلمان إلى جلسة طارئة لمناقشة الخطة مع الوزراء المعنيين";
  auto s = Sentences(text);
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s[1].substr(0, std::string("وكان").size()), "وكان");
  EXPECT_EQ(s[2].substr(0, std::string("فيما").size()), "فيما");
  EXPECT_EQ(s[3].substr(0, std::string("في حين").size()), "في حين");
}

TEST(Sentences, PunctuatedTextIsNotSplitAtCues) {
  std::string text = "قال الوزير إن الحكومة ستدعم المشاريع كما ستعمل على تحسين الخدمات في جميع المدن والقرى.";
  EXPECT_EQ(Sentences(text).size(), 1u);
}

struct SegmentRow {
  const char* word;
  const char* pieces;  // joined by '+'
};

TEST(Segment, SplitsCliticsTheLexiconBacks) {
  const SegmentRow rows[] = {
      {"وقال", "و+قال"},            // conjunction before a verb
      {"وحفتر", "و+حفتر"},          // conjunction before a name
      {"لداعش", "ل+داعش"},          // preposition before a name
      {"بالنسبة", "ب+النسبة"},      // preposition before the article
      {"للحكومة", "ل+لحكومة"},      // li + al-: the article's alef is elided
      {"سيكون", "س+يكون"},          // future marker
      {"كتابه", "كتاب+ه"},          // possessive suffix
      {"وأكدت", "و+أكدت"},
      {"عليهم", "علي+هم"},          // alayhim: alef maqsura written as yeh
      {"لها", "ل+ها"},              // preposition + pronoun
      {"وبها", "و+ب+ها"},
      {"قواته", "قوات+ه"},
      {"كالعادة", "ك+العادة"},      // ka- where the remainder is far more common
      {"فقال", "ف+قال"},            // fa- where the remainder is more common than the whole
  };
  for (const auto& row : rows) {
    auto pieces = TestEngine().text().segmenter().Split(row.word);
    std::string joined;
    for (size_t i = 0; i < pieces.size(); ++i) joined += (i ? "+" : "") + pieces[i];
    EXPECT_EQ(joined, row.pieces) << row.word;
  }
}

TEST(Segment, KeepsNamesAndWordsThatOnlyLookSegmentable) {
  for (const char* word : {"بنغازي", "وزير", "واشنطن", "كان", "كما", "لقد", "بين", "فلسطين", "وكالة",
                           "سرت", "الولايات", "ليبيا",
                           "كابل",     // Kabul, not ka- "like" + ibil "camels" (a rarer word)
                           "فيصل",     // Faysal, not fa- "so" + yasil "he arrives" (rarer than the name)
                           "فنية"}) {  // fanniyya "technical", not fa- + niyya "intention"
    auto pieces = TestEngine().text().segmenter().Split(word);
    EXPECT_EQ(pieces.size(), 1u) << word << " split into " << pieces.size();
  }
}

TEST(Segment, ARareCliticMustBeOneOfItsKind) {
  // fa- listed rare must be a conjunction the file declares.
  const std::string header = "# isnad-resource segmentation 3\n";
  const std::string rules =
      "preposition\tب ل ك\nsuffix\tه\npronoun\tه\narticle\tال\nteh\tت ة\nyeh\tي ى\n";
  for (const auto& [conjunctions, ok] : {std::pair<std::string, bool>{"conjunction\tو ف\n", true},
                                         std::pair<std::string, bool>{"conjunction\tو\n", false}}) {
    ResourceFile file;
    ASSERT_TRUE(ParseResourceFile(header + conjunctions + "rare_conjunction\tف\n" + rules, "test.txt",
                                  "segmentation", 3, file).ok());
    SegmentationRules out;
    Status s = SegmentationRules::FromResource(file, out);
    EXPECT_EQ(s.ok(), ok) << s.message();
    if (ok) {
      EXPECT_EQ(out.conjunction_ratios, (std::vector<double>{0.2, 1.0}));
    }
  }
}

TEST(Segment, PiecesCoverTheWordWithDiacritics) {
  std::string word = "وَقَالَ";
  auto pieces = TestEngine().text().segmenter().Split(word);
  ASSERT_EQ(pieces.size(), 2u);
  EXPECT_EQ(pieces[0] + pieces[1], word);
  EXPECT_EQ(pieces[0], "وَ");
}

TEST(Stem, IsBackedByTheLexiconAndNeverManglesNames) {
  TextAnalysis a;
  std::string text = "وبنغازي للحكومة المسلحون الانتخابات";
  TestEngine().text().Analyze(text, a);
  ASSERT_EQ(a.tokens.size(), 4u);
  EXPECT_EQ(a.Stem(0), "بنغازي");   // the clitic goes, the name's own beh stays
  EXPECT_EQ(a.Stem(1), "حكومة");    // article and preposition go
  EXPECT_EQ(a.Stem(2), "مسلح");     // sound plural to singular
  EXPECT_EQ(a.Stem(3), "انتخابات");  // no singular in -a: the plural stays
}

TEST(TextCore, SegmentsCoverEveryToken) {
  TextAnalysis a;
  std::string text = "وقالت مصادر لـ«الشرق» إن قواته انسحبت، وسيطرت على 3 مواقع.";
  TestEngine().text().Analyze(text, a);
  ASSERT_EQ(a.first_segment.size(), a.tokens.size() + 1);
  for (size_t i = 0; i < a.tokens.size(); ++i) {
    uint32_t begin = a.first_segment[i], end = a.first_segment[i + 1];
    ASSERT_LT(begin, end);
    EXPECT_EQ(a.segments[begin].begin, a.tokens[i].begin);
    EXPECT_EQ(a.segments[end - 1].end, a.tokens[i].end);
    for (uint32_t k = begin + 1; k < end; ++k) EXPECT_EQ(a.segments[k].begin, a.segments[k - 1].end);
  }
}

TEST(WordTable, TheWordsOfTheCommittedResourcesHaveDistinctHashes) {
  // WordTable keeps a word's 64-bit hash, not its bytes (lexicon.h): two
  // words of one length with one hash would read as one. Every field of
  // every text resource, raw and in both normalizations the tables use,
  // and every sequence of words in a field (multi-word names).
  std::set<std::string> words;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(ISNAD_RESOURCES_DIR)) {
    const std::string ext = entry.path().extension().string();
    if (!entry.is_regular_file() || (ext != ".tsv" && ext != ".txt")) continue;
    std::istringstream in(testing::ReadFile(entry.path().string()));
    std::string line;
    while (std::getline(in, line)) {
      size_t begin = 0;
      while (begin <= line.size()) {
        size_t end = line.find_first_of("\t|", begin);
        if (end == std::string::npos) end = line.size();
        const std::string field = line.substr(begin, end - begin);
        for (const std::string& form : {field, Normalize(field, NormalizeOptions::Matching()),
                                         Normalize(field, NormalizeOptions::Light())}) {
          words.insert(form);
          for (size_t space = form.find(' '); space != std::string::npos; space = form.find(' ', space + 1))
            words.insert(form.substr(0, space));
        }
        begin = end + 1;
      }
    }
  }
  ASSERT_GT(words.size(), 100000u);
  std::map<std::pair<uint64_t, size_t>, std::string> seen;
  for (const std::string& w : words) {
    auto [it, added] = seen.emplace(std::make_pair(HashBytes(w), w.size()), w);
    EXPECT_TRUE(added) << "'" << w << "' and '" << it->second << "' share a hash";
  }
}

}  // namespace
}  // namespace isnad
