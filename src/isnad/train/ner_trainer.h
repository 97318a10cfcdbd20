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

#include <nlohmann/json.hpp>

#include "isnad/base/status.h"
#include "isnad/document/document.h"
#include "isnad/document/header.h"
#include "isnad/entities/entities.h"
#include "isnad/eval/corpus_eval.h"

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

// An annotated folder (NAME.txt beside NAME.gold.json: ../shared/corpus/
// train) as tagged sentences. Each report is read as the engine reads it
// (header, sentences, tokens); every name of every gold entity is found in
// its sentences (longest first; the first word may carry proclitics:
// wa-, fa-, bi-, li-, ka-, lil- for li-al-) and its words tagged B/I of the
// entity's type; other words are O, with O and MISC not told apart (the
// gold has no MISC).
struct NerCorpus {
  std::vector<TaggedSentence> sentences;
  std::vector<std::pair<size_t, size_t>> documents;  // sentences of each report, in the folder's order
  std::vector<std::string> doc_ids;
  std::vector<nlohmann::json> golds;
  std::vector<Document> reports;  // as read: header, text analysis; no entities yet
  size_t entities = 0, entities_found = 0;  // named (not generic) gold entities, and those projected at least once
};
struct NerCorpusOptions {
  // Generic collective actors (al-musallahin) tagged too: they are
  // relation endpoints, though the entity score passes over them.
  bool generic = false;
};
Status ProjectNerCorpus(const TextCore& core, const HeaderLexicons& header, const std::string& dir,
                        const NerCorpusOptions& options, NerCorpus& out);

struct ProjectNerOptions {
  // The last `holdout` share of ANERcorp's training sentences is left out
  // of training and returned in `held_out`, for development without
  // touching the test split.
  double holdout = 0;
  std::vector<TaggedSentence>* held_out = nullptr;
  // Annotated reports trained on too, each its own document for the
  // memory; those of `corpus_documents` only when it is not empty.
  const NerCorpus* corpus = nullptr;
  std::vector<bool> corpus_documents;
};

// The first reader: ANERcorp train + NewsFANE under `data_dir`. With
// `options.corpus`, the annotated reports too: the second reader
// (entities/ner_reports.model; `isnad train-ner` trains both).
Status TrainProjectNer(const std::string& data_dir, const TextCore& core, const Gazetteer& gazetteer,
                       const ProjectNerOptions& options, NerModels& out, std::string* log);

// Cross-validation over the corpus's reports: report i is held out in fold
// i mod `folds`; each fold's second reader is trained on the shared data
// and the other folds' reports, and `recognizer` (its first reader,
// lexicons and rules) with that second reader reads the held reports.
// Entities as score.py counts them.
struct EntityCrossValidation {
  Counts entities, entities_untyped;
  std::vector<Counts> per_fold;
  std::vector<std::string> records;  // per report, its held-out record (JSON Lines)
};
// With `models_dir`, fold k's tagger is saved in models_dir/fold-k (k from
// 0), for `isnad cv --entity-models`; with `load_models_dir`, fold k's
// tagger is read from there instead of trained (the same folds: a rule
// change measured in minutes).
Status CrossValidateEntities(const std::string& data_dir, const TextCore& core, const EntityRecognizer& recognizer,
                             const NerCorpus& corpus, int folds, EntityCrossValidation& out, std::string* log,
                             const std::string& models_dir = "", const std::string& load_models_dir = "");

}  // namespace isnad
