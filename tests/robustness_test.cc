// Randomized input through decoding and the whole analysis: no crash, valid
// UTF-8 out, tokens covering the text, spans inside it. Deterministic
// (fixed seeds), so a failure reproduces; a fuzzer in spirit, sized for CI.
#include <random>
#include <string>

#include "isnad/document/encoding.h"
#include "isnad/text/utf8.h"
#include "test_util.h"

namespace isnad {
namespace {

using testing::TestEngine;

std::string RandomBytes(std::mt19937& rng, size_t n) {
  std::string s(n, '\0');
  for (auto& c : s) c = static_cast<char>(rng() & 0xFF);
  return s;
}

// Mostly Arabic letters, with diacritics, digits, punctuation, Latin,
// newlines, and now and then a broken sequence.
std::string RandomArabicish(std::mt19937& rng, size_t n) {
  static const char32_t kPieces[] = {0x0627, 0x0644, 0x0648, 0x0628, 0x0641, 0x0643, 0x0633, 0x0647, 0x062A,
                                     0x0629, 0x0649, 0x0623, 0x064E, 0x0651, 0x0640, 0x0660, 0x060C, 0x061F,
                                     ' ',    ' ',    '\n',   '.',    '"',    0x00AB, 0x00BB, 'a',    '7',
                                     '#',    '@',    0x200C, 0xFEFF, 0x06CC, 0x06A9, ':',    '/',    '-'};
  std::string s;
  while (s.size() < n) {
    uint32_t r = rng();
    if (r % 97 == 0) s += static_cast<char>(0x80 | (r >> 8 & 0x3F));  // a stray continuation byte
    else utf8::Append(s, kPieces[r % (sizeof kPieces / sizeof kPieces[0])]);
  }
  return s;
}

void CheckAnalysis(const std::string& bytes) {
  DecodedText d = DecodeReportBytes(bytes);
  if (d.outcome == DecodeOutcome::kBinary || d.outcome == DecodeOutcome::kEmpty) return;
  ASSERT_EQ(utf8::FirstInvalid(d.text), std::string_view::npos);
  RawReport raw;
  raw.id = "fuzz";
  raw.text = d.text;
  Document doc;
  TestEngine().Analyze(std::move(raw), doc);
  const uint32_t size = static_cast<uint32_t>(doc.text.size());
  for (const Token& t : doc.analysis.tokens) ASSERT_TRUE(t.begin < t.end && t.end <= size);
  for (const Mention& m : doc.mentions) ASSERT_TRUE(m.span.begin < m.span.end && m.span.end <= size);
  for (const Quote& q : doc.quotes) ASSERT_TRUE(q.content.begin < q.content.end && q.content.end <= size);
  for (const Relation& r : doc.relations) {
    ASSERT_TRUE(r.evidence.end <= size);
    ASSERT_LT(r.source, static_cast<int>(doc.entities.size()));
    ASSERT_LT(r.target, static_cast<int>(doc.entities.size()));
  }
}

TEST(Robustness, RandomBytesNeverBreakTheEngine) {
  std::mt19937 rng(20261122);
  for (int i = 0; i < 300; ++i) CheckAnalysis(RandomBytes(rng, 1 + rng() % 2000));
}

TEST(Robustness, RandomArabicTextNeverBreaksTheEngine) {
  std::mt19937 rng(1438);
  for (int i = 0; i < 300; ++i) CheckAnalysis(RandomArabicish(rng, 1 + rng() % 3000));
}

TEST(Robustness, Windows1256NoiseNeverBreaksTheEngine) {
  std::mt19937 rng(1256);
  for (int i = 0; i < 200; ++i) {
    std::string s;
    size_t n = 1 + rng() % 1500;
    for (size_t k = 0; k < n; ++k) s += static_cast<char>(rng() % 5 == 0 ? ' ' : 0xC1 + rng() % 0x3E);
    CheckAnalysis(s);
  }
}

TEST(Robustness, VeryLongWordsAndLines) {
  CheckAnalysis(std::string(200000, 'a'));
  std::string word;
  for (int i = 0; i < 5000; ++i) utf8::Append(word, 0x0628);
  CheckAnalysis("عنوان\n" + word + "\n" + word);
}

}  // namespace
}  // namespace isnad
