// The learned named-entity recognizer: a structured averaged perceptron.
//
// WHAT THIS OBJECT REPRESENTS
//   A linear model that tags each token of a sentence O, B-X or I-X for
//   X in PER, ORG, LOC, MISC, left to right, with the two previous tags as
//   features, by beam search (kNerBeamWidth sequences kept; I-X continues
//   only B-X or I-X). The weights rank whole tag sequences: they are trained
//   with the same beam and early update, so beam and weights go together.
//   Features: the word and its clitic-stripped core and light stem
//   (from the text core's segmenter), affixes of the core, the shape, the
//   words and cores around it, gazetteer membership (B/I and type of the
//   longest lexicon match covering the token) and person-name-list
//   membership. Each feature is a 64-bit hash of its template and value.
//
// DOCUMENT MEMORY (NerModels)
//   A report names an actor in full once and by a part of the name after
//   (Muhammad Atta ... Atta): one sentence alone cannot tell that the bare
//   surname is a person. Tagging therefore runs twice. The sentence pass
//   (ner.model) tags each sentence on its own; then every word learns what
//   that pass said of the same word elsewhere within kMemoryWindow
//   sentences either side (its majority tag type, whether all agree,
//   whether inside a longer name), and the document pass
//   (ner_document.model: the same features plus this memory, of the word
//   and its neighbours) tags again. The document model is trained on
//   memory built from sentence-pass tags the training sentences did not
//   teach (cross-fitting), so it trusts the memory as much as it deserves.
//
// FILE FORMAT (resources/entities/ner.model)
//   "ISNADNER" magic, uint32 format version, uint32 number of classes,
//   uint64 number of features, then that many (uint64 feature hash,
//   int16 weight[classes]) records sorted by hash, then a float scale.
//   The loader refuses another magic or version.
//
// THREAD SAFETY
//   Immutable after loading; Tag() keeps its scratch in the caller's
//   NerScratch.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "isnad/base/status.h"
#include "isnad/entities/types.h"

namespace isnad {


// Tags: 0 = O, 1 + 2*type = B-type, 2 + 2*type = I-type.
inline constexpr int kNumTags = 1 + 2 * kNumEntityTypes;
// Tag sequences the beam keeps per word, in tagging and in training alike:
// the weights are trained to rank sequences in a beam this wide.
inline constexpr size_t kNerBeamWidth = 4;
inline int BeginTag(EntityType t) { return 1 + 2 * static_cast<int>(t); }
inline int InsideTag(EntityType t) { return 2 + 2 * static_cast<int>(t); }
inline bool IsBegin(int tag) { return tag > 0 && tag % 2 == 1; }
inline bool IsInside(int tag) { return tag > 0 && tag % 2 == 0; }
inline EntityType TagType(int tag) { return static_cast<EntityType>((tag - 1) / 2); }
std::string TagName(int tag);
int ParseTag(std::string_view name);  // -1 when unknown

// What the tagger needs to know of one token; filled by the entity stage
// (from a TextAnalysis) or by the trainer (from a CoNLL file).
struct NerToken {
  std::string norm;    // Matching-normalized surface
  std::string core;    // Matching-normalized, prefix clitics removed
  uint64_t core_hash = 0;  // HashBytes(core), computed once: several features and the memory use it
  std::string stem;    // light stem
  uint8_t shape = 0;   // see ShapeOf() in ner_model.cc
  int8_t gazetteer = -1;  // -1, or a gazetteer tag (B/I of a type) covering it
  bool person_name = false;  // in the first/last name list
  bool has_prefix = false;   // a clitic was cut from the front
  uint8_t prefixes = 0;      // how many of the segmenter's prefixes were cut (not those of a name kept whole)
  uint8_t frequency = 0;     // log2 bucket of the core's count in the news lexicon
  uint8_t article = 0;       // how often the core takes the article, bucketed
  int16_t word_class = -1;   // distributional class of the core (clusters.tsv), -1 unknown
  int16_t coarse_class = -1;
  uint8_t memory = 0;        // document memory (see above); 0 in the sentence pass
};

// Sentences either side whose first-pass tags a word's memory reads.
inline constexpr size_t kMemoryWindow = 10;

// Fills the `memory` of every token of one document's sentences from the
// sentence-pass `tags` of the same words in the window around each.
void RememberDocument(std::span<std::vector<NerToken>> sentences, std::span<const std::vector<int>> tags);

class NerModel {
 public:
  static Status Load(const std::string& path, NerModel& out);
  Status Save(const std::string& path) const;

  // Tags `tokens`; writes one tag per token into `tags`.
  void Tag(const std::vector<NerToken>& tokens, std::vector<int>& tags) const;

  size_t feature_count() const { return keys_.size(); }
  const std::string& fingerprint() const { return fingerprint_; }

  // Features of token i given the previous two tags (exposed for training).
  static void Features(const std::vector<NerToken>& tokens, size_t i, int prev, int prev2,
                       std::vector<uint64_t>& out);
  // The same, in two parts: what does not depend on the tag history (the
  // bulk, computed once per word in the beam) and what does.
  static void WordFeatures(const std::vector<NerToken>& tokens, size_t i, std::vector<uint64_t>& out);
  static void HistoryFeatures(const std::vector<NerToken>& tokens, size_t i, int prev, int prev2,
                              std::vector<uint64_t>& out);
  // HistoryFeatures is these two, appended to `out`.
  static void TagPairFeatures(int prev, int prev2, std::vector<uint64_t>& out);
  static void TagWordFeatures(const NerToken& token, int prev, std::vector<uint64_t>& out);
  // The document memory's features (part of WordFeatures when memory is set).
  static void MemoryFeatures(const std::vector<NerToken>& tokens, size_t i, std::vector<uint64_t>& out);

  // Built by the trainer.
  static NerModel FromWeights(std::vector<uint64_t> keys, const std::vector<float>& weights);

 private:
  const int16_t* Find(uint64_t key) const;
  std::vector<uint64_t> keys_;    // sorted; open-addressed index below
  std::vector<int16_t> weights_;  // kNumTags per key
  struct alignas(32) Slot {
    uint64_t key = 0;
    int16_t weights[kNumTags] = {};
    bool used = false;
  };
  std::vector<Slot> table_;       // open-addressed by key, for Find
  std::vector<int32_t> pair_score_;  // (prev, prev2) -> scores of the tag-pair features
  float scale_ = 1.0f;
  std::string fingerprint_;
  void BuildIndex();
  friend class NerModels;
};

// The two passes (see DOCUMENT MEMORY).
class NerModels {
 public:
  NerModel sentence;  // entities/ner.model
  NerModel document;  // entities/ner_document.model

  static NerModels FromModels(NerModel sentence_model, NerModel document_model);
  // `dir` is the resources' entities folder; the two files are
  // NAME.model and NAME_document.model.
  static Status Load(const std::string& dir, NerModels& out, const std::string& name = "ner");
  Status Save(const std::string& dir, const std::string& name = "ner") const;
  std::string fingerprint() const { return sentence.fingerprint() + "+" + document.fingerprint(); }
  // Tags one document (a report, or a file of consecutive sentences):
  // fills the tokens' memory and writes one tag per token.
  void Tag(std::vector<std::vector<NerToken>>& sentences, std::vector<std::vector<int>>& tags) const;

 private:
  struct Row {
    int16_t weights[2][kNumTags] = {};  // sentence pass, document pass
  };
  // Open addressing over the keys alone, 8 bytes a slot (0: empty), the
  // rows beside them: most lookups are of features no model knows, and
  // their probes stay within a table a few MB large instead of touching a
  // row each (measured: see CHANGELOG 0.22.0). A key that is 0 has its own
  // row.
  std::vector<uint64_t> slot_keys_;
  std::vector<Row> rows_;
  bool has_zero_key_ = false;
  Row zero_key_row_;
  void BuildIndex();
  const Row* Find(uint64_t key) const;
  void Prefetch(uint64_t key) const;
};

}  // namespace isnad
