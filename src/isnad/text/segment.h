// Clitic segmentation and light stemming of Arabic words.
//
// An Arabic word carries its conjunction (wa, fa), preposition (bi, li, ka),
// future marker (sa) and object or possessive pronoun with it. The segmenter
// splits them off in the UD convention (the definite article stays on its
// noun), and gives each word a light stem for matching and search.
//
// HOW IT DECIDES
//   A split is proposed by the clitic inventory (resources/text/
//   segmentation.txt) and accepted only when the lexicon backs it: the
//   remainder must be a word seen at least `min_stem_count` times in a large
//   news corpus, and seen often enough compared with the whole word
//   (count(rest) >= ratio * count(word)). That ratio test is what keeps
//   names and words that merely begin with a clitic letter whole: the
//   lexicon has banghazi far more often than "nghazi", wazir far more often
//   than "zir". Closed-class words that look segmentable (kana, kama, laqad)
//   are listed and never split.
//
// THREAD SAFETY
//   Immutable after loading; Segment() keeps its scratch on the stack.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "isnad/base/status.h"
#include "isnad/text/lexicon.h"

namespace isnad {

enum class SegmentKind : uint8_t { kPrefix, kStem, kSuffix };

struct Segment {
  uint32_t begin;  // byte span in the text (or in the word, for SegmentWord)
  uint32_t end;
  SegmentKind kind;
};

// Whether `form` starts with `article` (the definite article, normalized
// as `form` is) and goes on after it.
inline bool Definite(std::string_view form, std::string_view article) {
  return !article.empty() && form.size() > article.size() && form.substr(0, article.size()) == article;
}

struct SegmentationRules {
  std::vector<std::string> conjunctions;   // wa, fa
  std::vector<std::string> prepositions;   // bi, li, ka
  std::vector<std::string> future;         // sa
  std::vector<std::string> future_next;    // the imperfect prefixes that may follow sa
  std::vector<std::string> suffixes;       // pronoun suffixes split from stems, longest first
  WordTable pronouns;                      // what may follow a preposition alone (lahu, biha)
  WordTable keep;                          // closed-class words never split
  std::string definite_article;            // al
  std::vector<std::pair<std::string, std::string>> stem_endings;  // plural/dual -> singular
  std::string teh, teh_marbuta, yeh, alef_maqsura;
  // After this preposition (li), a word starting with it has lost the alef
  // of its article (lil-...): elided_alef is what to restore.
  std::string elided_alef_after, elided_alef;
  uint32_t min_stem_count = 5;
  double conjunction_ratio = 0.2;
  // Per conjunction (aligned with `conjunctions`): conjunction_ratio, or
  // @rare_conjunction_ratio for those the file calls rare_conjunction (fa-,
  // or Faysal would read "so he arrives").
  std::vector<double> conjunction_ratios;
  double preposition_ratio = 0.1;
  // Per preposition (aligned with `prepositions`): preposition_ratio, or
  // for those the file calls rare_preposition -- they glue to few words,
  // like ka- "like" -- @rare_preposition_ratio, or ka+ibil would read Kabul
  // (kabul) as "like camels".
  std::vector<double> preposition_ratios;
  double suffix_ratio = 0.2;
  std::string fingerprint;

  static Status Load(const std::string& path, SegmentationRules& out);
  static Status FromResource(const ResourceFile& file, SegmentationRules& out);
};

class Segmenter {
 public:
  Segmenter(const Lexicon& lexicon, const SegmentationRules& rules)
      : lexicon_(lexicon), rules_(rules) {}

  // Segments one Arabic word (its original bytes, diacritics included).
  // Appends the pieces to `out` as byte spans relative to `word`, offset by
  // `base`; appends the light stem (Light-normalized) to `stem`. Returns the
  // number of pieces (1 when the word stays whole).
  int SegmentWord(std::string_view word, uint32_t base, std::vector<Segment>& out,
                  std::string* stem) const;

  // Convenience for tools and tests: the pieces as strings.
  std::vector<std::string> Split(std::string_view word) const;

 private:
  uint32_t StemCount(std::string_view stem, bool after_suffix) const;

  const Lexicon& lexicon_;
  const SegmentationRules& rules_;
};

}  // namespace isnad
