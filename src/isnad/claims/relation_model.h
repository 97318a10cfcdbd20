// The learned claims: their candidates, their model, and how a report's
// relations and quote speakers are assembled from them.
//
// WHAT THIS REPRESENTS
//   Three detectors share one model class (TypedLinearModel: one logistic
//   regression for "related" or "right", one per PLOVER type for which) and
//   one way of hashing features:
//   - the relation detector, in the shape of MITIE's
//     binary_relation_detector: a candidate is an ordered pair of actor
//     mentions in one sentence (relation_candidates.cc builds them and their
//     features: the words, stems, particles and triggers between and around
//     the pair, its order and distance, the entity types, reported speech,
//     and the hand-written rules' verdicts as features the model may trust
//     or not); the model gives the probability that the pair is related and,
//     per PLOVER type, that it holds that type;
//   - the trigger detector, on the words of those sentences, whose verdicts
//     are features of the pairs near them (StackedFeatures);
//   - the speaker ranker, on each quote's possible speakers
//     (speaker_candidates.cc), "related" column only.
//   Trained by `isnad train-claims` on ../shared/corpus/train
//   (train/relation_trainer.h).
//
// FILE FORMAT (resources/claims/relations.model, triggers.model, speakers.model)
//   "# isnad-resource relation-model 1" (trigger-model, speaker-model), then "features<TAB>name" (the
//   feature extractor the weights were trained for: PairFeaturesName() and
//   the others below; a model for other features is refused), then
//   "threshold<TAB>value", then one line per feature: 16 hex digits, then
//   "TYPE:weight" cells for the types whose weight is not zero, sorted by
//   feature.
//
// THREAD SAFETY
//   Immutable after loading.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "isnad/base/status.h"
#include "isnad/document/document.h"

namespace isnad {

constexpr int kNumPloverTypes = 16;
// The model's columns: one per PLOVER type, then "related" (any type), whose
// probability decides whether the pair is related at all; the type columns
// then say which.
constexpr int kRelatedColumn = kNumPloverTypes;
constexpr int kRelationColumns = kNumPloverTypes + 1;

// One word of a sentence that holds candidate pairs, with its features for
// the learned trigger detector (does this word express a relation, of what
// type?): its stem, form, letters, glued particles, neighbours, the trigger
// table's and the closed words' entries.
struct WordCandidate {
  uint32_t token = 0;
  std::vector<uint64_t> features;
};

// Where a word stands from a pair: before both, between, after both.
enum class WordPlace : uint8_t { kBefore, kBetween, kAfter };

// One ordered pair of actors in a sentence, with what a relation between
// them would carry (polarity, claimants, place, date, trigger, evidence:
// read from the sentence whatever the type) and its own features; the
// trigger detector's verdicts on the words near it are added to these
// (StackedFeatures) once that detector has read them.
struct RelationCandidate {
  uint32_t sentence = 0;
  Relation relation;  // source, target and all but the type
  bool forward = true;  // the source's mention comes first
  int quote = -1;       // the innermost quote its trigger is in: whose words it is
  std::vector<std::pair<uint32_t, WordPlace>> window;  // ClaimCandidates::words near the pair
  // Event types (bit per PloverType) the event model says, by a margin,
  // the sentence does not report (an attack in a plan,
  // a denial, history): not predicted, unless the rules found that type
  // between the pair too.
  uint16_t unreported_events = 0;
  uint16_t ruled_types = 0;  // the types the rules found between the pair
  std::vector<uint64_t> features;
};

// One possible speaker of a quote the rules found: an actor named near its
// cue, the last quote's speaker, the rules' choice, or nobody named (entity
// -1), with its features for the learned speaker ranker.
struct SpeakerCandidate {
  uint32_t quote = 0;  // index into Document::quotes
  int entity = -1;
  Span span;           // how the report names it here (empty if not here)
  std::vector<uint64_t> features;
};

// A quote the rules found, or proposed where only a learned detector may
// keep it (a cue glued to li- or bi-, a relative clause, nobody named after
// the cue), with its features for the learned quote detector
// (quote_candidates.cc).
struct QuoteCandidate {
  Span cue;
  Span content;
  bool proposed = false;  // not one the rules alone would keep
  std::vector<uint64_t> features;
};

// The names of the three feature extractors, with the settings that shape
// what they produce (windows, reaches): written into each model and checked
// when it is loaded, so that a model is never read with features it was not
// trained on.
std::string PairFeaturesName();     // relation_candidates.cc (and StackedFeatures)
std::string WordFeaturesName();     // relation_candidates.cc
std::string SpeakerFeaturesName();  // speaker_candidates.cc
std::string QuoteFeaturesName();    // quote_candidates.cc

// A report's candidates for the learned detectors.
struct ClaimCandidates {
  std::vector<WordCandidate> words;
  std::vector<RelationCandidate> pairs;
  std::vector<SpeakerCandidate> speakers;  // grouped by quote, in quote order
  std::vector<QuoteCandidate> quotes;      // every quote found or proposed, kept or not, in the order read
};

// Logistic regressions over hashed features, one per column: "related"
// (kRelatedColumn) and one per PLOVER type. Immutable after loading.
class TypedLinearModel {
 public:
  using Weights = std::array<float, kRelationColumns>;

  // `kind` names the resource: relation-model (pairs), trigger-model
  // (words), speaker-model or quote-model; the same file format. `features` is the name
  // of the feature extractor the caller will use: a model trained for
  // another is refused.
  static Status Load(const std::string& path, std::string_view kind, std::string_view features, TypedLinearModel& out);
  std::string Serialize(std::string_view kind = "relation-model") const;
  bool empty() const { return rows_.empty(); }

  // Probability per PLOVER type (indexed by PloverType) that the candidate
  // with these features holds a relation of that type, and (last) that it
  // holds one of any type.
  void Probabilities(const std::vector<uint64_t>& features, Weights& out) const;
  // A pair holds a type where P(related) x P(type | related) exceeds the
  // threshold (chosen by cross-validation when trained), for its most
  // probable type and any other whose own probability exceeds one half.
  float threshold() const { return threshold_; }

  void SetThreshold(float threshold) { threshold_ = threshold; }
  void SetFeatures(std::string features) { features_ = std::move(features); }
  const std::string& features() const { return features_; }
  void Set(const std::unordered_map<uint64_t, Weights>& weights, float threshold);

 private:
  // The weights by feature, sorted, and an open-addressing index over them
  // (a feature's slot holds its row + 1; 0 is empty): most features looked
  // up are in no model, and a miss reads one small slot, not a row.
  std::vector<std::pair<uint64_t, Weights>> rows_;
  std::vector<uint64_t> slot_feature_;
  std::vector<uint32_t> slot_row_;
  void BuildIndex();
  float threshold_ = 0.5f;
  std::string features_;
};

// The pair's features and the trigger detector's verdicts on the words near
// it (`word_probabilities`, one per ClaimCandidates::words entry): the
// learned triggers' types and where they stand.
void StackedFeatures(const RelationCandidate& pair, const std::vector<TypedLinearModel::Weights>& word_probabilities,
                     std::vector<uint64_t>& out);

// Replaces the relations of `doc` whose two sides are named with those the
// models find among `candidates` (one per source, type and target: the most
// probable); relations with an unnamed side (events the rules keep) stay.
// Claimants are read from the quotes' speakers as they stand (after
// AssembleSpeakers).
void AssembleRelations(const ClaimCandidates& candidates, const TypedLinearModel& triggers,
                       const TypedLinearModel& relations, Document& doc);
// The same with the probabilities given, one per candidate.
void AssembleRelations(const std::vector<RelationCandidate>& candidates,
                       const std::vector<TypedLinearModel::Weights>& probabilities, float threshold, Document& doc);

// The speakers of quote `quote` and the quotes it is reported inside,
// outermost first, each once in a row: who claims what is said there.
std::vector<int> ClaimantChain(const Document& doc, int quote);

// Gives each quote the speaker the ranker scores highest among its
// candidates (a quote without candidates keeps the rules' speaker).
void AssembleSpeakers(const ClaimCandidates& candidates, const TypedLinearModel& ranker, Document& doc);

}  // namespace isnad
