// Scoring analysis records against hand-made gold, as ../shared/eval/score.py
// does, so that cross-validation can score in memory and give the figures
// score.py would print.
//
// WHAT IT TAKES
//   Gold documents (NAME.gold.json, FORMAT.md "Gold annotations") and
//   analysis records (the JSON of interfaces/record_json.h), both parsed.
// WHAT IT GIVES
//   True positives, false positives and false negatives for entities (typed
//   and untyped), quotes, relations (typed and untyped) and report dates,
//   with score.py's matching rules: normalized names (diacritics, tatweel and
//   punctuation dropped, alef, teh marbuta and alef maqsura folded), one-to-one
//   maximum matching, generic gold entities neither required nor counted,
//   relations with a null side left out; plus, beyond score.py, per-type
//   counts, a type confusion table for relations whose two sides match, and
//   how often a matched relation has the gold's polarity and claimants.
//
// THREAD SAFETY
//   Plain functions over values.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "isnad/base/status.h"

namespace isnad {

struct Counts {
  uint64_t tp = 0, fp = 0, fn = 0;
  void Add(const Counts& o) {
    tp += o.tp;
    fp += o.fp;
    fn += o.fn;
  }
  double precision() const;
  double recall() const;
  double f1() const;  // 1.0 when there is nothing to find and nothing found, as score.py
};

struct CorpusScore {
  Counts entities, entities_untyped, quotes, relations, relations_untyped;
  uint64_t documents = 0, dates_right = 0;
  // Relations per PLOVER type name: tp and fp of predictions of that type,
  // fn of gold relations of that type (one-to-one, as the typed score).
  std::map<std::string, Counts> by_type;
  // For predictions whose two sides match a gold relation (untyped
  // matching): predicted type -> gold type -> count.
  std::map<std::string, std::map<std::string, uint64_t>> confusion;
  // Of the predictions matched to a gold relation (typed): how many, how
  // many with the gold's polarity, and with the gold's claimants.
  uint64_t attributed = 0, polarity_right = 0, claimants_right = 0;
  void Add(const CorpusScore& o);
  double date_accuracy() const { return documents ? double(dates_right) / documents : 0; }
  // score.py's last line: TOTAL entities_f1=... quotes_f1=... relations_f1=...
  // relations_untyped_f1=... date_acc=...
  std::string TotalLine() const;
};

// The text as score.py's norm() leaves it.
std::string NormalizeForScoring(const std::string& text);

// Whether two sets share an element.
bool Intersects(const std::set<std::string>& a, const std::set<std::string>& b);

// The names of each gold entity (in the gold's order), normalized as
// score.py normalizes them.
std::vector<std::set<std::string>> GoldEntityNames(const nlohmann::json& gold);
// The ids (dumped JSON) of the gold entities that a predicted entity with
// these normalized names names, as score.py aligns them: any name in common.
std::set<std::string> GoldIdsNamed(const std::set<std::string>& names, const nlohmann::json& gold,
                                   const std::vector<std::set<std::string>>& gold_names);

// The words of a text as score.py compares quote contents.
std::set<std::string> ScoringWords(const std::string& text);
// Whether two quote contents overlap as score.py requires: at least half of
// each side's words.
bool ContentsMatch(const std::set<std::string>& a, const std::set<std::string>& b);

// Scores one document. `prediction` may be null or empty (no record).
void ScoreDocument(const nlohmann::json& gold, const nlohmann::json& prediction, CorpusScore& out);

// Reads DIR/*.gold.json in name order: (doc_id, gold).
Status ReadGoldFolder(const std::string& dir, std::vector<std::pair<std::string, nlohmann::json>>& out);

// The same, and the path of each gold document's report (DIR/NAME.txt),
// which must exist.
Status ReadGoldReports(const std::string& dir, std::vector<std::pair<std::string, nlohmann::json>>& golds,
                       std::vector<std::string>& report_paths);

// Scores the records of `pred_path` (JSON Lines) against the gold of `dir`;
// a gold document with no record scores as an empty prediction.
Status ScoreCorpus(const std::string& dir, const std::string& pred_path, CorpusScore& out);

class Engine;
class Diagnostics;
struct Document;
// Scores one analysed document, through its record as `isnad analyze`
// writes it.
void ScoreAnalysis(const nlohmann::json& gold, const Document& doc, CorpusScore& out);

// Analyses DIR's reports (those with a gold file) with `engine` and scores
// the records against DIR's gold, in memory.
Status AnalyzeAndScoreCorpus(const Engine& engine, const std::string& dir, Diagnostics& diagnostics,
                             CorpusScore& out);

// The per-type table and the confusion table, for reading.
std::string DescribeScore(const CorpusScore& score);

}  // namespace isnad
