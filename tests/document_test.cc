// Unit tests of the document stage: decoding, dates in both calendars,
// bylines and the report head.
#include <string>

#include "isnad/document/dates.h"
#include "isnad/document/encoding.h"
#include "isnad/document/header.h"
#include "isnad/document/reader.h"
#include "isnad/text/utf8.h"
#include "test_util.h"

namespace isnad {
namespace {

using testing::TestEngine;

// "حفتر" in Windows-1256.
const std::string kHaftar1256 = "\xCD\xDD\xCA\xD1";

TEST(Decode, ValidUtf8IsUntouched) {
  auto d = DecodeReportBytes("خبر\nنص");
  EXPECT_EQ(d.outcome, DecodeOutcome::kUtf8);
  EXPECT_EQ(d.text, "خبر\nنص");
}

TEST(Decode, DropsTheByteOrderMarkAndNormalizesLineEnds) {
  auto d = DecodeReportBytes("\xEF\xBB\xBF" "عنوان\r\nسطر\rآخر\r\n");
  EXPECT_EQ(d.outcome, DecodeOutcome::kUtf8);
  EXPECT_EQ(d.text, "عنوان\nسطر\nآخر\n");
}

TEST(Decode, ConvertsWindows1256) {
  auto d = DecodeReportBytes("\xE4\xD5 " + kHaftar1256 + "\r\n");
  EXPECT_EQ(d.outcome, DecodeOutcome::kConverted);
  EXPECT_EQ(d.encoding, "Windows-1256");
  EXPECT_EQ(d.text, "نص حفتر\n");
}

TEST(Decode, RepairsStrayInvalidBytesAndSaysWhere) {
  std::string text = "سطر أول صحيح تماما\nسطر ثان \xFF فيه خلل\n";
  auto d = DecodeReportBytes(text);
  EXPECT_EQ(d.outcome, DecodeOutcome::kRepaired);
  EXPECT_EQ(d.replaced, 1u);
  EXPECT_EQ(d.first_bad_line, 2u);
  EXPECT_NE(d.text.find("\xEF\xBF\xBD"), std::string::npos);
  EXPECT_EQ(utf8::FirstInvalid(d.text), std::string_view::npos);
}

TEST(Decode, RefusesBinaryAndEmptyInput) {
  EXPECT_EQ(DecodeReportBytes(std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16)).outcome, DecodeOutcome::kBinary);
  EXPECT_EQ(DecodeReportBytes("").outcome, DecodeOutcome::kEmpty);
  EXPECT_EQ(DecodeReportBytes(" \n\t\r\n").outcome, DecodeOutcome::kEmpty);
  EXPECT_EQ(DecodeReportBytes("\xEF\xBB\xBF").outcome, DecodeOutcome::kEmpty);
}

TEST(Decode, ConvertsUtf16WithByteOrderMark) {
  std::string le("\xFF\xFE", 2);
  for (char16_t c : std::u16string(u"\u0646\u0635\n")) {
    le.push_back(static_cast<char>(c & 0xFF));
    le.push_back(static_cast<char>(c >> 8));
  }
  auto d = DecodeReportBytes(le);
  EXPECT_EQ(d.outcome, DecodeOutcome::kConverted);
  EXPECT_EQ(d.text, "نص\n");
}

struct DateRow {
  const char* line;
  const char* iso;  // nullptr: no date
  Calendar calendar;
};

TEST(Dates, ReadsEveryDatelineForm) {
  const DateRow rows[] = {
      {"06/01/2017", "2017-01-06", Calendar::kGregorian},            // day first
      {"2015-08-04", "2015-08-04", Calendar::kGregorian},            // ISO
      {"12/31/2016", "2016-12-31", Calendar::kGregorian},            // month first only when forced
      {"04.08.2015", "2015-08-04", Calendar::kGregorian},
      {"الخميس 6 أغسطس 2015", "2015-08-06", Calendar::kGregorian},  // weekday, Egyptian month
      {"10 آب 2015", "2015-08-10", Calendar::kGregorian},            // Levantine month
      {"3 كانون الثاني 2016", "2016-01-03", Calendar::kGregorian},   // two-word Levantine month
      {"١٥ تشرين الأول ٢٠١٥", "2015-10-15", Calendar::kGregorian},   // Arabic-Indic digits
      {"5 جويلية 2015", "2015-07-05", Calendar::kGregorian},          // Maghreb month
      {"12 جمادى الثانية 1438", "2017-03-11", Calendar::kHijri},     // Umm al-Qura
      {"21 شوال 1436هـ", "2015-08-06", Calendar::kHijri},
      {"1 رمضان 1436 هـ", "2015-06-18", Calendar::kHijri},
      {"الخميس 21 شوال 1436هـ الموافق 6 أغسطس 2015م", "2015-08-06", Calendar::kGregorian},  // mixed
      {"السبت 31 فبراير 2015", nullptr, Calendar::kGregorian},       // no such day
      {"وزير الخارجية التركي", nullptr, Calendar::kGregorian},
  };
  const DateLexicon& lex = TestEngine().header().dates;
  for (const auto& row : rows) {
    auto found = FindDate(row.line, lex);
    if (!row.iso) {
      EXPECT_FALSE(found.has_value()) << row.line;
      continue;
    }
    ASSERT_TRUE(found.has_value()) << row.line;
    char iso[16];
    std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", found->date.year, found->date.month, found->date.day);
    EXPECT_EQ(std::string(iso), row.iso) << row.line;
    EXPECT_EQ(found->date.calendar, row.calendar) << row.line;
  }
}

TEST(Dates, HijriConversionFollowsUmmAlQura) {
  int y, m, d;
  ASSERT_TRUE(HijriToGregorian(1436, 10, 1, y, m, d));  // Eid al-Fitr 1436
  EXPECT_EQ(y * 10000 + m * 100 + d, 20150717);
  ASSERT_TRUE(HijriToGregorian(1445, 9, 1, y, m, d));  // Ramadan 1445
  EXPECT_EQ(y * 10000 + m * 100 + d, 20240311);
  EXPECT_FALSE(HijriToGregorian(1436, 13, 1, y, m, d));
  EXPECT_FALSE(HijriToGregorian(1436, 1, 31, y, m, d));
}

TEST(Byline, FindsTheAuthorOnEitherSideOfTheDash) {
  const BylineLexicon& lex = TestEngine().header().byline;
  EXPECT_EQ(ParseByline("تقرير إخباري ـ خالد مصطفى", lex), std::vector<std::string>{"خالد مصطفى"});
  EXPECT_EQ(ParseByline("لجين الأحمدي – عين اليوم", lex), std::vector<std::string>{"لجين الأحمدي"});
  EXPECT_EQ(ParseByline("بقلم محمد عبد الله", lex), std::vector<std::string>{"محمد عبد الله"});
  EXPECT_TRUE(ParseByline("المعارضة تسيطر على الزبداني", lex).empty());  // no separator, no marker
  EXPECT_TRUE(ParseByline("متابعات - وكالات", lex).empty());               // genre words only
}

Document Head(const std::string& text) {
  Document doc;
  doc.text = text;
  ReadHeader(TestEngine().header(), doc);
  return doc;
}

TEST(Header, ReadsTitleDateAndByline) {
  Document doc = Head("عنوان التقرير\n12 جمادى الثانية 1438\nتقرير إخباري ـ خالد مصطفى\n\nنص التقرير الطويل يبدأ هنا.");
  EXPECT_EQ(doc.title, "عنوان التقرير");
  EXPECT_EQ(doc.text.substr(doc.title_span.begin, doc.title_span.end - doc.title_span.begin), "عنوان التقرير");
  ASSERT_TRUE(doc.date.has_value());
  EXPECT_EQ(doc.date->calendar, Calendar::kHijri);
  EXPECT_EQ(doc.date->text, "12 جمادى الثانية 1438");
  EXPECT_EQ(doc.authors, std::vector<std::string>{"خالد مصطفى"});
}

TEST(Header, DatesInTheBodyAreNotTheReportDate) {
  Document doc = Head(
      "عنوان\nقال المسؤول إن الهجوم الذي وقع في 5 مايو 2016 على المدينة أدى إلى مقتل عشرة أشخاص "
      "وإصابة آخرين بجروح متفاوتة الخطورة بحسب ما أفادت مصادر طبية في المستشفى المحلي.");
  EXPECT_FALSE(doc.date.has_value());
}

TEST(Header, JsonlFieldsComeFirst) {
  RawReport raw;
  raw.title = "عنوان";
  raw.date = "2015-07-21";
  Document doc;
  doc.text = "نص الخبر.";
  ReadHeaderFields(TestEngine().header(), raw, doc);
  EXPECT_EQ(doc.title, "عنوان");
  ASSERT_TRUE(doc.date.has_value());
  EXPECT_EQ(doc.date->month, 7);
  EXPECT_EQ(doc.date->text, "2015-07-21");
}

TEST(Html, KeepsTextAndParagraphsOnly) {
  std::string text = HtmlToText(
      "<!DOCTYPE html><html><head><title>عنوان &amp; خبر</title><style>p{}</style></head>"
      "<body><script>var x='<p>';</script><p>الفقرة الأولى</p><!-- تعليق --><p>الثانية&nbsp;هنا &#1575;</p></body></html>");
  EXPECT_EQ(text, "عنوان & خبر\nالفقرة الأولى\nالثانية هنا ا\n");
}

}  // namespace
}  // namespace isnad
