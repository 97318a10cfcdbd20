// Entity-level scoring of the tagger on a CoNLL file (exact spans, the four
// ANERcorp classes PER(S), ORG, LOC, MISC), as conlleval scores it.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "isnad/base/status.h"
#include "isnad/entities/entities.h"

namespace isnad {

struct NerScore {
  struct Counts {
    uint64_t gold = 0, predicted = 0, correct = 0;
    double f1() const {
      double p = predicted ? double(correct) / predicted : 0, r = gold ? double(correct) / gold : 0;
      return p + r > 0 ? 2 * p * r / (p + r) : 0;
    }
  };
  std::array<Counts, kNumEntityTypes> by_type;
  Counts total;
  uint64_t sentences = 0, tokens = 0;
};

struct TaggedSentence;
// With `predictions`, also writes "word gold predicted" lines (CoNLL, a
// blank line between sentences) to it.
void ScoreNerSentences(const std::vector<TaggedSentence>& data, const TextCore& core,
                       const EntityRecognizer& recognizer, NerScore& out, std::string* predictions = nullptr);
Status ScoreNer(const std::string& conll_path, const TextCore& core, const EntityRecognizer& recognizer,
                NerScore& out, std::string* predictions = nullptr);

}  // namespace isnad
