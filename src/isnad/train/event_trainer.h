// Training the event model (resources/claims/events.model) on
// ../shared/data/event-gsr: sentences labelled by several annotators as
// reporting an ASSAULT (or a PROTEST) or not. "yes" means every annotator
// accepted; "difficult no" that some did, "ambiguous" a split vote. The
// model learns the share of annotators who accepted (sharpened towards
// unanimity), from every sentence, ambiguous ones included: a sentence two
// of three accepted is nearer an event than one nobody did, which a yes/no
// label throws away. Each sentence is analysed by the same text and entity
// stages as at run time. With folds, the decision threshold is the one that
// maximizes cross-validated F1 on the yes/no sentences (as score_events.py
// grades), and the figures are logged (the published set's other 40% is
// held out by the project). With `nested`, the figures are also computed
// without that choice's optimism: each fold against a threshold chosen by
// cross-validation inside the other folds.
#pragma once

#include <string>

#include "isnad/base/status.h"
#include "isnad/claims/claims.h"
#include "isnad/entities/entities.h"

namespace isnad {

Status TrainProjectEvents(const std::string& data_dir, const TextCore& core, const EntityRecognizer& entities,
                          const ClaimExtractor& claims, int folds, bool nested, EventModel& out, std::string* log);

}  // namespace isnad
