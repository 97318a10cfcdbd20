#include "isnad/eval/segment_eval.h"

#include <fstream>
#include <set>
#include <utility>
#include <vector>

#include "isnad/text/utf8.h"

namespace isnad {

namespace {

using SpanSet = std::set<std::pair<uint32_t, uint32_t>>;

// Spans of `pieces` laid end to end over non-space code points.
SpanSet SpansOf(const std::vector<std::string_view>& pieces) {
  SpanSet spans;
  uint32_t pos = 0;
  for (auto p : pieces) {
    uint32_t len = static_cast<uint32_t>(utf8::CountCodePoints(p));
    spans.emplace(pos, pos + len);
    pos += len;
  }
  return spans;
}

std::string WithoutSpaces(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c != ' ' && c != '\t') out += c;
  return out;
}

}  // namespace

Status ScoreSegmentation(const std::string& path, const TextCore& core, SegmentScore& out) {
  std::ifstream in(path);
  if (!in) return Status::Error(path + ": cannot open");
  out = SegmentScore();
  std::string line, text;
  std::vector<std::string> gold;
  TextAnalysis analysis;
  uint64_t line_no = 0;
  auto finish = [&]() {
    if (gold.empty()) return;
    out.sentences++;
    std::string joined;
    for (const auto& g : gold) joined += g;
    if (text.empty() || joined != WithoutSpaces(text)) {
      out.skipped_sentences++;
      gold.clear();
      return;
    }
    std::vector<std::string_view> gold_views(gold.begin(), gold.end());
    SpanSet g = SpansOf(gold_views);
    core.Analyze(text, analysis);
    std::vector<std::string_view> pred;
    for (const Segment& s : analysis.segments)
      pred.push_back(std::string_view(text).substr(s.begin, s.end - s.begin));
    SpanSet p = SpansOf(pred);
    out.gold_words += g.size();
    out.predicted_words += p.size();
    for (const auto& span : p) out.correct_words += g.count(span);
    gold.clear();
    text.clear();
  };
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      finish();
      continue;
    }
    if (line[0] == '#') {
      if (line.rfind("# text = ", 0) == 0) text = line.substr(9);
      continue;
    }
    size_t tab = line.find('\t');
    if (tab == std::string::npos)
      return Status::Error(path + ":" + std::to_string(line_no) + ": not a CoNLL-U line");
    std::string id = line.substr(0, tab);
    if (id.find('-') != std::string::npos || id.find('.') != std::string::npos) continue;
    size_t tab2 = line.find('\t', tab + 1);
    gold.push_back(line.substr(tab + 1, tab2 - tab - 1));
  }
  finish();
  return Status::Ok();
}

}  // namespace isnad
