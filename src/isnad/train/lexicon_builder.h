// Building the segmentation lexicon (resources/lexicon/lexicon.tsv).
//
// Training code, apart from the runtime: counts every Arabic word of the
// given corpora (Light-normalized: diacritics and tatweel removed, letters
// untouched) and writes those seen at least `min_count` times, most frequent
// first, as an isnad resource. The output depends only on the input and the
// options, so a rebuild from the same ../shared/data gives the same bytes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "isnad/base/diagnostics.h"
#include "isnad/base/status.h"

namespace isnad {

struct LexiconBuildOptions {
  uint32_t min_count = 3;
  std::string description;  // written in the header: sources and licences
};

Status BuildLexicon(const std::vector<std::string>& inputs, const LexiconBuildOptions& options,
                    Diagnostics& diagnostics, std::string& resource_text);

// The committed lexicon: SaudiNewsNet under `data_dir` (../shared/data),
// min_count 3. `isnad build-lexicon` and the rebuild test both call this.
Status BuildProjectLexicon(const std::string& data_dir, Diagnostics& diagnostics, std::string& resource_text);

}  // namespace isnad
