// The text stage: everything later stages need from raw report text.
//
// WHAT IT TAKES
//   Valid UTF-8 text (the document stage guarantees it).
// WHAT IT GIVES
//   A TextAnalysis: tokens, sentences, and for every Arabic word its clitic
//   segments and light stem, all as byte spans over the text it was given.
// WHAT IT GUARANTEES
//   Tokens cover every non-space code point; sentences cover every token;
//   segments of a word cover the word exactly. Output depends only on the
//   text and the loaded resources (their fingerprints are in Fingerprint()).
//
// THREAD SAFETY
//   A loaded TextCore is immutable and shared by all threads; each call
//   writes only to the TextAnalysis it is given (reuse one per thread to
//   avoid allocations).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "isnad/base/status.h"
#include "isnad/text/lexicon.h"
#include "isnad/text/normalize.h"
#include "isnad/text/segment.h"
#include "isnad/text/sentences.h"
#include "isnad/text/tokenize.h"

namespace isnad {

struct StemRef {
  uint32_t offset;  // into TextAnalysis::stem_pool
  uint32_t length;
};

struct TextAnalysis {
  std::vector<Token> tokens;
  std::vector<Sentence> sentences;
  // Segments of token i are segments[first_segment[i] .. first_segment[i+1]);
  // tokens other than Arabic words have one segment, themselves.
  std::vector<uint32_t> first_segment;
  std::vector<Segment> segments;
  // Light stem of each token (the token itself, normalized, when not a word).
  std::vector<StemRef> stems;
  std::string stem_pool;

  void Clear();
  std::string_view Stem(size_t token) const {
    return std::string_view(stem_pool).substr(stems[token].offset, stems[token].length);
  }
  size_t word_count() const;

  // Byte span of token `t` after its prefix clitics (wa-, bi-, li-, sa-):
  // from the end of the last prefix to the end of the token. With
  // `at_most`, after the first `at_most` prefixes only (the rest begin a
  // name: wa-Bush).
  std::pair<uint32_t, uint32_t> AfterPrefixes(size_t t, size_t at_most = SIZE_MAX) const;
  // The same, ending at the stem (pronoun suffixes cut too).
  std::pair<uint32_t, uint32_t> StemSpan(size_t t) const;
};

class TextCore {
 public:
  // Loads lexicon/lexicon.tsv, text/segmentation.txt and
  // text/sentence_cues.txt from `resource_dir`.
  static Status Load(const std::string& resource_dir, TextCore& out);

  void Analyze(std::string_view text, TextAnalysis& out) const;

  const Lexicon& lexicon() const { return lexicon_; }
  const Segmenter& segmenter() const { return *segmenter_; }
  const SegmentationRules& segmentation_rules() const { return rules_; }
  const SentenceCues& cues() const { return cues_; }
  // Which resources produced the output: recorded with every analysis.
  std::string Fingerprint() const;

  TextCore() = default;
  TextCore(const TextCore&) = delete;
  TextCore& operator=(const TextCore&) = delete;
  TextCore(TextCore&& other) noexcept;
  TextCore& operator=(TextCore&& other) noexcept;

 private:
  Lexicon lexicon_;
  SegmentationRules rules_;
  SentenceCues cues_;
  std::unique_ptr<Segmenter> segmenter_;
};

}  // namespace isnad
