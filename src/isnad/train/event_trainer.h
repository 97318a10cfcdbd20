// Training the event model (resources/claims/events.model) on
// ../shared/data/event-gsr: sentences labelled by several annotators as
// reporting an ASSAULT (or a PROTEST) or not. "yes" is positive, "easy no"
// and "difficult no" negative, "ambiguous" left out. Each sentence is
// analysed by the same text and entity stages as at run time. With folds,
// it also reports cross-validated precision, recall and F1 on the visible
// data (the published set's other 40% is held out by the project).
#pragma once

#include <string>

#include "isnad/base/status.h"
#include "isnad/claims/claims.h"
#include "isnad/entities/entities.h"

namespace isnad {

Status TrainProjectEvents(const std::string& data_dir, const TextCore& core, const EntityRecognizer& entities,
                          const ClaimExtractor& claims, int folds, EventModel& out, std::string* log);

}  // namespace isnad
