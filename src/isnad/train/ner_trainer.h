// Training the named-entity model (resources/entities/ner.model).
//
// Training code, apart from the runtime. Reads ANERcorp's training part
// (../shared/data/anercorp/train.txt) and NewsFANE (mapped from its 50
// classes to PER/ORG/LOC/MISC, with its split clitics joined back to their
// words so that tokens look like ANERcorp's and like isnad's own; NewsFANE
// is ANERcorp's text annotated again, so its sentences that repeat
// ANERcorp's, test split included, are left out), builds
// the tagger's tokens with the same code the runtime uses, and trains a
// structured averaged perceptron with the tagger's beam search and early
// update (Collins and Roark 2004) for a fixed number of epochs in a fixed
// order: the same data gives the same model, byte for byte.
#pragma once

#include <string>
#include <vector>

#include "isnad/base/status.h"
#include "isnad/entities/entities.h"

namespace isnad {

struct TaggedSentence {
  std::vector<std::string> words;
  std::vector<int> tags;
  // NewsFANE's classes have no counterpart of ANERcorp's MISC (currencies,
  // religions, prizes, tournaments): there, O and MISC are not told apart,
  // and training makes no update when they are all that differs.
  bool misc_unlabeled = false;
  // Per word (or empty): O is right here too, where the source's convention
  // tags what ANERcorp's may not.
  std::vector<bool> outside_too;
};

struct NerTrainOptions {
  // Twenty: on ANERcorp's held-out fifth and test split, 0.743 / 0.716
  // after ten epochs and 0.756 / 0.720 after twenty (means of seeds); 40
  // gave 0.752 / 0.726.
  int epochs = 20;
  size_t beam = kNerBeamWidth;
  uint32_t seed = 20261122;
};

// CoNLL-style files: one "word TAG" a line (space or tab), blank line or
// sentence-final punctuation between sentences.
Status ReadConllNer(const std::string& path, std::vector<TaggedSentence>& out);
// NewsFANE gold: fine classes mapped, split clitics joined back.
Status ReadNewsFane(const std::string& path, std::vector<TaggedSentence>& out);

// Removes from `sentences` those that repeat text of `reference` (a
// stretch of about 24 letters, clitic splits and hamza spellings aside);
// returns how many. NewsFANE is ANERcorp's text annotated again.
size_t LeaveOutRepeats(const std::vector<TaggedSentence>& reference, std::vector<TaggedSentence>& sentences);

// Trains on the sentences listed in `subset` (all when empty), whose
// tagger tokens (BuildNerTokens, with memory for the document pass) are
// `tokens`, one vector per sentence of `data`.
Status TrainNer(const std::vector<TaggedSentence>& data, const std::vector<std::vector<NerToken>>& tokens,
                const std::vector<size_t>& subset, const NerTrainOptions& options, NerModel& out, std::string* log);

// The committed model: ANERcorp train + NewsFANE under `data_dir`.
// With `holdout` > 0, the last `holdout` share of ANERcorp's training
// sentences is left out of training and returned in `held_out`, for
// development without touching the test split.
Status TrainProjectNer(const std::string& data_dir, const TextCore& core, const Gazetteer& gazetteer,
                       NerModels& out, std::string* log, double holdout = 0,
                       std::vector<TaggedSentence>* held_out = nullptr);

}  // namespace isnad
