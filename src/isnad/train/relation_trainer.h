// Training and cross-validating the learned relation detector
// (claims/relation_model.h) on annotated reports (../shared/corpus/train:
// NAME.txt beside NAME.gold.json).
//
// Each report is analysed by the engine's own text, entity and claim-rule
// stages, so the model learns from the actors the engine finds, not from
// gold ones. A candidate (an ordered pair of actors in a sentence) is
// labelled with every PLOVER type of a gold relation whose source and target
// name its two actors (names matched as score.py matches them) and whose
// evidence span overlaps the sentence. One L2-regularized logistic
// regression per type (liblinear's primal solver, which draws no random
// numbers: the same data gives the same model), over the features seen at
// least twice. Folds are whole documents, the i-th report in name order in
// fold i mod k.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "isnad/base/status.h"
#include "isnad/claims/relation_model.h"
#include "isnad/document/analyze.h"
#include "isnad/eval/corpus_eval.h"

namespace isnad {

// One annotated report, analysed.
struct ClaimsExample {
  std::string doc_id;
  bool stripped = false;  // read without its punctuation (ClaimsReadOptions)
  nlohmann::json gold;
  Document doc;  // with the rules' quotes and relations
  ClaimCandidates candidates;
  std::vector<uint16_t> labels;       // per pair: bit t set for PLOVER type t
  std::vector<uint16_t> word_labels;  // per word: the types of the gold triggers it is part of
  int gold_relations = 0, gold_relations_placed = 0;  // whose evidence was found in the text
  int gold_triggers_placed = 0;                       // whose trigger was found in the evidence
  // Per speaker candidate: 1 the gold speaker of its quote, 0 not, -1 unknown
  // (the quote matches no gold quote).
  std::vector<int8_t> speaker_labels;
  // Per quote candidate: 1 its words are a gold quote's (score.py's
  // overlap), 0 not.
  std::vector<uint8_t> quote_labels;
};

struct ClaimsReadOptions {
  // Drop punctuation from the reports (and from the gold evidence looked for
  // in them), as some reports arrive.
  bool strip_punctuation = false;
};

// Reads and analyses every report of `dir` that has a gold file, with an
// engine loaded without the relation model.
Status ReadClaimsCorpus(const Engine& engine, const std::string& dir, const ClaimsReadOptions& options,
                        std::vector<ClaimsExample>& out);
// The same, report i read by engines[i mod engines.size()]: with one engine
// per cross-validation fold whose tagger never saw that fold's reports, the
// held-out reports' actors are as a new report's would be.
Status ReadClaimsCorpus(const std::vector<const Engine*>& engines, const std::string& dir,
                        const ClaimsReadOptions& options, std::vector<ClaimsExample>& out);

// What the corpus gives the learners, for reading: reports, candidate pairs
// and words and how many are labelled, gold relations and triggers placed,
// and how many quotes have their gold speaker among their candidates.
std::string DescribeClaimsCorpus(const std::vector<ClaimsExample>& corpus);

struct RelationTrainOptions {
  double c = 0.3;           // liblinear's C (inverse of the L2 weight)
  float threshold = 0.05f;  // P(related) x P(type | related) above this: predicted
  int min_count = 2;        // features seen fewer times are dropped
  int jobs = 2;             // types trained in parallel
  int inner_folds = 5;      // cross-fitting of the trigger detector's verdicts the relation detector learns from
  bool types = true;        // train the type columns (not for a ranker: "related" only)
};

// One model over examples (feature lists) with type bits: "related" (any
// bit) over all of them, each type over the related ones.
TypedLinearModel TrainTypedModel(const std::vector<const std::vector<uint64_t>*>& examples,
                              const std::vector<uint16_t>& labels, const RelationTrainOptions& options);

// The trigger detector, on the words of `docs`.
TypedLinearModel TrainTriggerModel(const std::vector<const ClaimsExample*>& docs, const RelationTrainOptions& options);

// A reporting cue learned from the gold quotes of annotated reports: the
// cue's first word (wa- or fa- cut), how often it opens a gold quote, how
// often the word occurs at all, and whether its quotes mostly continue the
// previous quote's speaker (a participle: mubayyinan) or name their own.
struct LearnedCue {
  std::string form;
  CueKind kind = CueKind::kSay;
  int quotes = 0, occurrences = 0;
};
// The cues of `docs`' gold quotes that the hand-written list lacks, seen
// opening at least two quotes and opening one in at least a quarter of the
// places the word occurs (bayyana "clarified" is mostly bayna "between").
std::vector<LearnedCue> LearnCues(const std::vector<const ClaimsExample*>& docs, const ClaimExtractor& claims);
std::string SerializeCues(const std::vector<LearnedCue>& cues);

// The speaker ranker, on the speaker candidates of `docs`' quotes that
// match a gold quote.
TypedLinearModel TrainSpeakerModel(const std::vector<const ClaimsExample*>& docs, const RelationTrainOptions& options);

// The quote detector, on every quote the rules found or proposed in `docs`:
// kept where P(its words are a gold quote's) reaches `threshold`.
TypedLinearModel TrainQuoteModel(const std::vector<const ClaimsExample*>& docs, const RelationTrainOptions& options,
                                 float threshold);
// The quote detector's threshold and liblinear C, chosen by
// cross-validation over train's documents (quotes 0.522-0.528 for
// thresholds 0.5-0.65 and C 0.05-0.1; 0.517 at C 0.3).
constexpr float kQuoteThreshold = 0.55f;
constexpr double kQuoteDetectorC = 0.1;

struct ClaimModels {
  TypedLinearModel triggers;   // resources/claims/triggers.model
  TypedLinearModel relations;  // resources/claims/relations.model
  std::vector<LearnedCue> cues;  // resources/claims/learned_cues.tsv
  TypedLinearModel speakers;        // resources/claims/speakers.model
  TypedLinearModel quotes;          // resources/claims/quotes.model
};
// Both detectors: the trigger detector on every word, the relation detector
// on the pairs with the trigger detector's cross-fitted verdicts.
ClaimModels TrainClaimModels(const std::vector<const ClaimsExample*>& docs, const RelationTrainOptions& options,
                             const ClaimExtractor& claims);

// Scores `docs` with `models` (their quote speakers and relations assembled
// from their candidates; entities and quote contents as analysed). With
// `records`, their records are appended to it (JSON Lines).
CorpusScore ScoreWithModels(const std::vector<const ClaimsExample*>& docs, const ClaimModels& models,
                            std::string* records = nullptr);
// `docs` with their claims read again by `claims` with the learned cues
// added and the quote detector of `models` (candidates anew, labelled
// again when `labelled`, else unlabelled: for scoring).
std::vector<ClaimsExample> ReadAgainWithModels(const std::vector<const ClaimsExample*>& docs,
                                               const ClaimModels& models, const ClaimExtractor& claims,
                                               bool labelled = false);

// What a perfect detector over these candidates would score: each
// candidate given its own labels (the ceiling the candidates and the
// entities leave).
CorpusScore ScoreLabels(const std::vector<ClaimsExample>& corpus);

struct CrossValidationOptions {
  int folds = 5;
  RelationTrainOptions train;
  std::vector<double> fractions{1.0};     // learning curve: share of each fold's training documents
  std::vector<float> thresholds{};        // also score these thresholds (the model's own when empty)
  bool detail = false;                    // per-type figures and the confusion table too
  std::string* records = nullptr;         // the held-out folds' records (first threshold, last fraction)
  bool learn_cues = true;                 // add each fold's learned cues (and read its held reports' claims again)
  // Other copies of the same reports, in the same order (without punctuation,
  // or as published): trained on beside them, never held out.
  const std::vector<ClaimsExample>* copies = nullptr;
  // Per fold, every report as that fold's entity reader read it (the
  // shipped recipe: the relation model learns from reports its second
  // reader saw, and reads reports it never saw); `corpus` when null.
  const std::vector<std::vector<ClaimsExample>>* fold_readings = nullptr;
};

// Per fraction and threshold, the pooled score over the held-out folds and
// each fold's; a readable log of it all in `log`.
struct CrossValidationResult {
  double fraction = 1;
  float threshold = 0;
  CorpusScore pooled;
  std::vector<CorpusScore> per_fold;
};
std::vector<CrossValidationResult> CrossValidateRelations(const std::vector<ClaimsExample>& corpus,
                                                          const ClaimExtractor& claims,
                                                          const CrossValidationOptions& options, std::string* log);

}  // namespace isnad
