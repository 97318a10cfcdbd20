#include "isnad/text/segment.h"

#include <algorithm>
#include <charconv>
#include <cstring>

#include "isnad/text/normalize.h"
#include "isnad/text/utf8.h"

namespace isnad {

namespace {

constexpr int kMaxWordBytes = 96;

bool StartsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && std::memcmp(s.data(), p.data(), p.size()) == 0;
}
bool EndsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && std::memcmp(s.data() + s.size() - p.size(), p.data(), p.size()) == 0;
}

size_t Letters(std::string_view s) { return utf8::CountCodePoints(s); }

double ParseDouble(const std::string* v, double fallback) {
  if (!v) return fallback;
  try {
    return std::stod(*v);
  } catch (...) {
    return fallback;
  }
}

}  // namespace

Status SegmentationRules::FromResource(const ResourceFile& file, SegmentationRules& out) {
  out = SegmentationRules();
  std::vector<std::string> rare_prepositions, rare_conjunctions;
  for (std::string_view line : file.lines) {
    auto f = SplitFields(line);
    if (f.empty()) continue;
    std::string_view key = f[0];
    auto rest = [&](std::vector<std::string>& v) {
      for (size_t i = 1; i < f.size(); ++i) v.emplace_back(f[i]);
    };
    if (key == "conjunction") rest(out.conjunctions);
    else if (key == "preposition") rest(out.prepositions);
    else if (key == "rare_preposition") rest(rare_prepositions);
    else if (key == "rare_conjunction") rest(rare_conjunctions);
    else if (key == "future") rest(out.future);
    else if (key == "future_next") rest(out.future_next);
    else if (key == "suffix") rest(out.suffixes);
    else if (key == "pronoun") for (size_t i = 1; i < f.size(); ++i) out.pronouns.Insert(f[i], 1);
    else if (key == "keep") for (size_t i = 1; i < f.size(); ++i) out.keep.Insert(f[i], 1);
    else if (key == "article" && f.size() == 2) out.definite_article = std::string(f[1]);
    else if (key == "stem_ending" && f.size() == 3) out.stem_endings.emplace_back(f[1], f[2]);
    else if (key == "stem_ending" && f.size() == 2) out.stem_endings.emplace_back(f[1], "");
    else if (key == "teh" && f.size() == 3) { out.teh = f[1]; out.teh_marbuta = f[2]; }
    else if (key == "yeh" && f.size() == 3) { out.yeh = f[1]; out.alef_maqsura = f[2]; }
    else if (key == "elided_alef" && f.size() == 3) { out.elided_alef_after = f[1]; out.elided_alef = f[2]; }
    else return Status::Error(file.path + ": unknown segmentation entry '" + std::string(key) + "'");
  }
  // Longest suffix first, so that -huma is tried before -hu.
  std::stable_sort(out.suffixes.begin(), out.suffixes.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  out.min_stem_count = static_cast<uint32_t>(ParseDouble(file.Setting("min_stem_count"), 5));
  out.conjunction_ratio = ParseDouble(file.Setting("conjunction_ratio"), 0.2);
  out.preposition_ratio = ParseDouble(file.Setting("preposition_ratio"), 0.1);
  // One ratio per clitic: `ratio`, or `rare_ratio` for those listed rare.
  auto ratios_of = [&](const std::vector<std::string>& clitics, const std::vector<std::string>& rare,
                       double ratio, const std::string& kind, std::vector<double>& ratios) {
    const double rare_ratio = ParseDouble(file.Setting("rare_" + kind + "_ratio"), 1.0);
    for (const std::string& c : rare)
      if (std::find(clitics.begin(), clitics.end(), c) == clitics.end())
        return Status::Error(file.path + ": rare " + kind + " '" + c + "' is not a " + kind);
    for (const std::string& c : clitics)
      ratios.push_back(std::find(rare.begin(), rare.end(), c) != rare.end() ? rare_ratio : ratio);
    return Status::Ok();
  };
  Status s = ratios_of(out.conjunctions, rare_conjunctions, out.conjunction_ratio, "conjunction",
                       out.conjunction_ratios);
  if (s.ok())
    s = ratios_of(out.prepositions, rare_prepositions, out.preposition_ratio, "preposition",
                  out.preposition_ratios);
  if (!s.ok()) return s;
  out.suffix_ratio = ParseDouble(file.Setting("suffix_ratio"), 0.2);
  if (out.conjunctions.empty() || out.prepositions.empty() || out.suffixes.empty() ||
      out.definite_article.empty() || out.teh.empty() || out.yeh.empty())
    return Status::Error(file.path + ": segmentation rules are incomplete");
  out.fingerprint = file.name + "-" + std::to_string(file.version);
  return Status::Ok();
}

Status SegmentationRules::Load(const std::string& path, SegmentationRules& out) {
  return LoadResource(path, "segmentation", 3, out);
}

uint32_t Segmenter::StemCount(std::string_view stem, bool after_suffix) const {
  uint32_t count = lexicon_.Count(stem);
  if (!after_suffix) return count;
  // Before a pronoun suffix a final ta marbuta is written as teh, and a final
  // alef maqsura as yeh: the stem's dictionary form has the other letter.
  char buffer[kMaxWordBytes + 8];
  auto try_swap = [&](const std::string& from, const std::string& to) {
    if (!EndsWith(stem, from) || stem.size() - from.size() + to.size() > sizeof buffer) return;
    size_t keep = stem.size() - from.size();
    std::memcpy(buffer, stem.data(), keep);
    std::memcpy(buffer + keep, to.data(), to.size());
    count = std::max(count, lexicon_.Count(std::string_view(buffer, keep + to.size())));
  };
  try_swap(rules_.teh, rules_.teh_marbuta);
  try_swap(rules_.yeh, rules_.alef_maqsura);
  return count;
}

int Segmenter::SegmentWord(std::string_view word, uint32_t base, std::vector<Segment>& out,
                           std::string* stem) const {
  // Normalize (diacritics, tatweel) into a stack buffer, remembering where
  // each normalized byte came from so that the pieces map back exactly.
  char norm[kMaxWordBytes];
  uint8_t from[kMaxWordBytes + 1];
  size_t n = 0;
  static const NormalizeOptions kLight = NormalizeOptions::Light();
  if (word.size() < kMaxWordBytes) {
    size_t pos = 0;
    while (pos < word.size()) {
      size_t start = pos;
      char32_t c = utf8::Next(word, pos);
      char32_t m = NormalizeCodePoint(c, kLight);
      if (m == 0) continue;
      char tmp[4];
      size_t len;
      if (m < 0x80) { tmp[0] = static_cast<char>(m); len = 1; }
      else if (m < 0x800) { tmp[0] = static_cast<char>(0xC0 | (m >> 6)); tmp[1] = static_cast<char>(0x80 | (m & 0x3F)); len = 2; }
      else { tmp[0] = static_cast<char>(0xE0 | (m >> 12)); tmp[1] = static_cast<char>(0x80 | ((m >> 6) & 0x3F)); tmp[2] = static_cast<char>(0x80 | (m & 0x3F)); len = 3; }
      if (n + len >= kMaxWordBytes) { n = 0; break; }
      for (size_t k = 0; k < len; ++k) { norm[n] = tmp[k]; from[n] = static_cast<uint8_t>(start); ++n; }
    }
  }
  from[n] = static_cast<uint8_t>(std::min<size_t>(word.size(), 255));
  if (n == 0 || word.size() >= kMaxWordBytes) {
    out.push_back(Segment{base, base + static_cast<uint32_t>(word.size()), SegmentKind::kStem});
    if (stem) NormalizeAppend(word, kLight, *stem);
    return 1;
  }
  const std::string_view w(norm, n);

  // Cut points in normalized bytes: [0, p1, p2, ..., stem_begin) prefixes,
  // [stem_begin, stem_end) stem, [stem_end, n) suffix.
  size_t cuts[4];
  int num_prefixes = 0;
  size_t stem_begin = 0, stem_end = n;
  bool elided_article = false;  // li + (a)l-: the stem starts with the article's lam
  const auto& r = rules_;

  auto accept = [&](std::string_view rest, std::string_view whole, double ratio, bool after_suffix) {
    uint32_t c = StemCount(rest, after_suffix);
    return c >= r.min_stem_count && c >= ratio * lexicon_.Count(whole);
  };

  if (!r.keep.Contains(w)) {
    std::string_view rest = w;
    // Preposition + pronoun alone (lahu, biha) and conjunction + preposition
    // + pronoun (walahu): nothing for the lexicon to decide.
    for (size_t ci = 0; ci < r.conjunctions.size(); ++ci) {
      const std::string& c = r.conjunctions[ci];
      if (StartsWith(rest, c) && Letters(rest) >= 3) {
        std::string_view after = rest.substr(c.size());
        bool pron_follow = false;
        for (const auto& p : r.prepositions)
          if (StartsWith(after, p) && r.pronouns.Contains(after.substr(p.size()))) pron_follow = true;
        if (pron_follow || (!r.keep.Contains(w) && accept(after, rest, r.conjunction_ratios[ci], false))) {
          cuts[num_prefixes++] = stem_begin + c.size();
          stem_begin += c.size();
          rest = after;
        }
        break;
      }
    }
    bool prep_done = false;
    for (size_t pi = 0; pi < r.prepositions.size(); ++pi) {
      const std::string& p = r.prepositions[pi];
      if (!StartsWith(rest, p) || r.keep.Contains(rest)) continue;
      std::string_view after = rest.substr(p.size());
      if (r.pronouns.Contains(after)) {
        cuts[num_prefixes++] = stem_begin + p.size();
        stem_begin += p.size();
        rest = after;
        prep_done = true;
        break;
      }
      if (Letters(rest) < 3) break;
      // li + al- drops the article's alef (lil-...): the lexicon is asked for
      // the form with the alef restored.
      bool ok;
      if (!r.elided_alef_after.empty() && p == r.elided_alef_after &&
          StartsWith(after, r.elided_alef_after)) {
        char buffer[kMaxWordBytes + 8];
        const std::string& alef = r.elided_alef;
        std::memcpy(buffer, alef.data(), alef.size());
        std::memcpy(buffer + alef.size(), after.data(), after.size());
        ok = lexicon_.Count(std::string_view(buffer, alef.size() + after.size())) >= r.min_stem_count;
        elided_article = ok;
      } else {
        ok = accept(after, rest, r.preposition_ratios[pi], false);
      }
      if (ok) {
        cuts[num_prefixes++] = stem_begin + p.size();
        stem_begin += p.size();
        rest = after;
        prep_done = true;
      }
      break;
    }
    if (!prep_done) {
      for (const auto& s : r.future) {
        if (!StartsWith(rest, s) || Letters(rest) < 4) continue;
        std::string_view after = rest.substr(s.size());
        bool imperfect = false;
        for (const auto& f : r.future_next) imperfect |= StartsWith(after, f);
        if (imperfect && accept(after, rest, r.preposition_ratio, false)) {
          cuts[num_prefixes++] = stem_begin + s.size();
          stem_begin += s.size();
          rest = after;
        }
        break;
      }
    }
    if (!r.pronouns.Contains(rest) || num_prefixes == 0) {
      for (const auto& s : r.suffixes) {
        if (!EndsWith(rest, s) || Letters(rest) < Letters(s) + 2) continue;
        std::string_view before = rest.substr(0, rest.size() - s.size());
        if (r.keep.Contains(rest)) break;
        if (accept(before, rest, r.suffix_ratio, true)) {
          stem_end = stem_begin + before.size();
          break;
        }
      }
    }
  }

  // Emit pieces in original-byte coordinates.
  size_t prev = 0;
  for (int i = 0; i < num_prefixes; ++i) {
    out.push_back(Segment{base + from[prev], base + from[cuts[i]], SegmentKind::kPrefix});
    prev = cuts[i];
  }
  uint32_t stem_end_byte = stem_end == n ? static_cast<uint32_t>(word.size()) : from[stem_end];
  out.push_back(Segment{base + from[stem_begin], base + stem_end_byte, SegmentKind::kStem});
  if (stem_end < n)
    out.push_back(Segment{base + stem_end_byte, base + static_cast<uint32_t>(word.size()), SegmentKind::kSuffix});

  if (stem) {
    // Light stem: drop the article and a plural or dual ending when the
    // lexicon knows what remains; never touch a word it does not know.
    std::string_view s = w.substr(stem_begin, stem_end - stem_begin);
    if (elided_article && Letters(s) >= 3 &&
        lexicon_.Count(s.substr(r.elided_alef_after.size())) >= r.min_stem_count)
      s = s.substr(r.elided_alef_after.size());
    else if (StartsWith(s, r.definite_article) && Letters(s) >= 4 &&
        lexicon_.Count(s.substr(r.definite_article.size())) >= r.min_stem_count)
      s = s.substr(r.definite_article.size());
    size_t stem_start = stem->size();
    stem->append(s);
    for (const auto& [ending, replacement] : r.stem_endings) {
      if (!EndsWith(s, ending) || Letters(s) < Letters(ending) + 3) continue;
      std::string candidate(s.substr(0, s.size() - ending.size()));
      candidate += replacement;
      if (lexicon_.Count(candidate) >= r.min_stem_count) {
        stem->resize(stem_start);
        stem->append(candidate);
        break;
      }
    }
  }
  return num_prefixes + 1 + (stem_end < n ? 1 : 0);
}

std::vector<std::string> Segmenter::Split(std::string_view word) const {
  std::vector<Segment> pieces;
  SegmentWord(word, 0, pieces, nullptr);
  std::vector<std::string> out;
  for (const auto& p : pieces) out.emplace_back(word.substr(p.begin, p.end - p.begin));
  return out;
}

}  // namespace isnad
