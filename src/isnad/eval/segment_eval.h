// Scoring clitic segmentation against the gold words of a CoNLL-U treebank.
//
// The raw sentence text (# text) is tokenized and segmented; predicted and
// gold words are compared as spans over the sentence's non-space characters,
// as the CoNLL 2018 shared task scores words from raw text. Sentences whose
// gold words do not spell their text (multiword tokens with changed forms)
// are counted and left out rather than scored wrongly.
#pragma once

#include <cstdint>
#include <string>

#include "isnad/base/status.h"
#include "isnad/text/text_core.h"

namespace isnad {

struct SegmentScore {
  uint64_t sentences = 0;
  uint64_t skipped_sentences = 0;
  uint64_t gold_words = 0;
  uint64_t predicted_words = 0;
  uint64_t correct_words = 0;
  double precision() const { return predicted_words ? double(correct_words) / predicted_words : 0; }
  double recall() const { return gold_words ? double(correct_words) / gold_words : 0; }
  double f1() const {
    double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
};

Status ScoreSegmentation(const std::string& conllu_path, const TextCore& core, SegmentScore& out);

}  // namespace isnad
