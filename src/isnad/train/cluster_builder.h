// Word classes for the tagger (resources/entities/clusters.tsv).
//
// Distributional classes stand in for what capital letters give English
// NER: words used alike (place names, given names, ministries) fall in the
// same class. Each clitic-free word (the tagger's `core`) seen at least
// `min_count` times in the corpus is represented by its left and right
// neighbours among the `context_words` most frequent words, weighted by
// positive PMI and normalized; spherical k-means (deterministic seeding,
// fixed iterations) groups them into `classes` classes, and again into
// `coarse_classes`. Same corpus and options, same bytes.
#pragma once

#include <string>
#include <vector>

#include "isnad/base/diagnostics.h"
#include "isnad/base/status.h"
#include "isnad/text/text_core.h"

namespace isnad {

struct ClusterOptions {
  uint32_t min_count = 20;
  uint32_t context_words = 400;
  uint32_t classes = 256;
  uint32_t coarse_classes = 32;
  int iterations = 12;
};

Status BuildClusters(const std::vector<std::string>& inputs, const TextCore& core, const ClusterOptions& options,
                     Diagnostics& diagnostics, std::string& resource_text);

// The committed classes: SaudiNewsNet under `data_dir`.
Status BuildProjectClusters(const std::string& data_dir, const TextCore& core, Diagnostics& diagnostics,
                            std::string& resource_text);

}  // namespace isnad
