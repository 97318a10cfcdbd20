// Does this sentence report an event of type T (an attack, a protest)?
//
// WHAT THIS OBJECT REPRESENTS
//   One logistic-regression scorer per event type (ASSAULT, PROTEST) over
//   the features of a sentence: its light stems and stem pairs, the PLOVER
//   types of the triggers in it (and whether a negation precedes them), and
//   whether it names people, organizations and places or carries numbers.
//   Most sentences that mention an attack or a protest do not report one
//   (opinion, plans, denials, history), which a keyword list cannot tell.
//   Trained by `isnad train-events` on ../shared/data/event-gsr, where the
//   score learnt is how far the annotators agreed that the sentence reports
//   the event (see train/event_trainer.h).
//
// FILE FORMAT (resources/claims/events.model)
//   "# isnad-resource event-model 1", a "TYPE<TAB>threshold<TAB>value" line
//   per type, then "TYPE<TAB>feature<TAB>weight" lines, feature as 16 hex
//   digits, sorted.
//
// THREAD SAFETY
//   Immutable after loading.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "isnad/base/status.h"
#include "isnad/document/document.h"
#include "isnad/text/lexicon.h"

namespace isnad {

// The sentence features the event model reads; `triggers` maps a trigger
// form to (type << 4 | frame) + 1, `negations` holds negation words, both
// Matching-normalized (see claims.h).
void EventFeatures(const Document& doc, const Sentence& sentence, const WordTable& triggers,
                   const WordTable& negations, std::vector<uint64_t>& out);

class EventModel {
 public:
  static Status Load(const std::string& path, EventModel& out);
  std::string Serialize() const;

  // Score > 0: the sentence reports an event of `type`. Types the model
  // was not trained for score 0 (not reported).
  float Score(PloverType type, const std::vector<uint64_t>& features) const;
  bool Knows(PloverType type) const;

  // Training: L2-regularized logistic regression towards `targets` in
  // [0, 1] (soft labels: a share of annotators, not only yes or no), by
  // full-batch AdaGrad, so the same data always gives the same weights.
  static void Train(const std::vector<std::vector<uint64_t>>& features, const std::vector<float>& targets,
                    double l2, std::unordered_map<uint64_t, float>& weights);
  void Set(PloverType type, std::unordered_map<uint64_t, float> weights, float threshold = 0);
  // Decision threshold of `type`: a sentence reports the event when its
  // score exceeds it (chosen by cross-validation when trained).
  float Threshold(PloverType type) const;

 private:
  std::unordered_map<int, std::unordered_map<uint64_t, float>> weights_;
  std::unordered_map<int, float> thresholds_;
};

}  // namespace isnad
