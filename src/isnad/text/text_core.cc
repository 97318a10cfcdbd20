#include "isnad/text/text_core.h"

namespace isnad {

void TextAnalysis::Clear() {
  tokens.clear();
  sentences.clear();
  first_segment.clear();
  segments.clear();
  stems.clear();
  stem_pool.clear();
}

size_t TextAnalysis::word_count() const {
  size_t n = 0;
  for (const Token& t : tokens) n += t.kind == TokenKind::kWord || t.kind == TokenKind::kLatin;
  return n;
}

std::pair<uint32_t, uint32_t> TextAnalysis::AfterPrefixes(size_t t, size_t at_most) const {
  uint32_t begin = tokens[t].begin;
  for (uint32_t k = first_segment[t]; k < first_segment[t + 1] && at_most > 0; ++k)
    if (segments[k].kind == SegmentKind::kPrefix) {
      begin = segments[k].end;
      --at_most;
    }
  return {begin, tokens[t].end};
}

std::pair<uint32_t, uint32_t> TextAnalysis::StemSpan(size_t t) const {
  uint32_t begin = tokens[t].begin, end = tokens[t].end;
  for (uint32_t k = first_segment[t]; k < first_segment[t + 1]; ++k) {
    if (segments[k].kind == SegmentKind::kPrefix) begin = segments[k].end;
    if (segments[k].kind == SegmentKind::kStem) end = segments[k].end;
  }
  return {begin, end};
}

TextCore::TextCore(TextCore&& other) noexcept { *this = std::move(other); }

TextCore& TextCore::operator=(TextCore&& other) noexcept {
  lexicon_ = std::move(other.lexicon_);
  rules_ = std::move(other.rules_);
  cues_ = std::move(other.cues_);
  // The segmenter points at the lexicon and rules: rebuild it over ours.
  segmenter_ = std::make_unique<Segmenter>(lexicon_, rules_);
  other.segmenter_.reset();
  return *this;
}

Status TextCore::Load(const std::string& resource_dir, TextCore& out) {
  TextCore core;
  Status s = Lexicon::Load(resource_dir + "/lexicon/lexicon.tsv", core.lexicon_);
  if (!s.ok()) return s;
  s = SegmentationRules::Load(resource_dir + "/text/segmentation.txt", core.rules_);
  if (!s.ok()) return s;
  s = SentenceCues::Load(resource_dir + "/text/sentence_cues.txt", core.cues_);
  if (!s.ok()) return s;
  core.segmenter_ = std::make_unique<Segmenter>(core.lexicon_, core.rules_);
  out = std::move(core);
  return Status::Ok();
}

std::string TextCore::Fingerprint() const {
  return lexicon_.fingerprint() + " " + rules_.fingerprint + " " + cues_.fingerprint;
}

void TextCore::Analyze(std::string_view text, TextAnalysis& out) const {
  out.Clear();
  Tokenize(text, out.tokens);
  SplitSentences(text, out.tokens, cues_, out.sentences);
  out.first_segment.reserve(out.tokens.size() + 1);
  out.segments.reserve(out.tokens.size() * 5 / 4);
  out.stems.reserve(out.tokens.size());
  static const NormalizeOptions kLight = NormalizeOptions::Light();
  for (const Token& t : out.tokens) {
    out.first_segment.push_back(static_cast<uint32_t>(out.segments.size()));
    const uint32_t stem_offset = static_cast<uint32_t>(out.stem_pool.size());
    std::string_view word = text.substr(t.begin, t.end - t.begin);
    if (t.kind == TokenKind::kWord) {
      segmenter_->SegmentWord(word, t.begin, out.segments, &out.stem_pool);
    } else {
      out.segments.push_back(Segment{t.begin, t.end, SegmentKind::kStem});
      NormalizeAppend(word, kLight, out.stem_pool);
    }
    out.stems.push_back(
        StemRef{stem_offset, static_cast<uint32_t>(out.stem_pool.size()) - stem_offset});
  }
  out.first_segment.push_back(static_cast<uint32_t>(out.segments.size()));
}

}  // namespace isnad
