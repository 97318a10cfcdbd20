// A line-by-line port of score.py's matching: the same normalization, the
// same augmenting-path matching in the same order (which matters where a
// prediction could match a generic gold entity or a named one), so that the
// figures agree to the last digit.
#include "isnad/eval/corpus_eval.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>
#include <unordered_map>

#include <nlohmann/json.hpp>
#include <unicode/uchar.h>

#include "isnad/document/analyze.h"
#include "isnad/interfaces/record_json.h"
#include "isnad/text/normalize.h"
#include "isnad/text/utf8.h"

namespace isnad {

namespace {

using json = nlohmann::json;

bool IsScoringDiacritic(char32_t c) {
  return (c >= 0x0610 && c <= 0x061A) || (c >= 0x064B && c <= 0x065F) || c == 0x0670 ||
         (c >= 0x06D6 && c <= 0x06ED) || c == 0x0640;  // the last: tatweel
}

char32_t FoldForScoring(char32_t c) {
  switch (c) {
    case 0x0623:  // ALEF WITH HAMZA ABOVE
    case 0x0625:  // ALEF WITH HAMZA BELOW
    case 0x0622:  // ALEF WITH MADDA ABOVE
    case 0x0671:  // ALEF WASLA
      return 0x0627;
    case 0x0629:  // TEH MARBUTA
      return 0x0647;
    case 0x0649:  // ALEF MAQSURA
      return 0x064A;
    default:
      return c;
  }
}

// Python's \w: letters and numbers of any script (and _, which score.py
// turns into a space anyway).
bool IsWordChar(char32_t c) {
  switch (u_charType(static_cast<UChar32>(c))) {
    case U_UPPERCASE_LETTER:
    case U_LOWERCASE_LETTER:
    case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER:
    case U_DECIMAL_DIGIT_NUMBER:
    case U_LETTER_NUMBER:
    case U_OTHER_NUMBER:
      return true;
    default:
      return false;
  }
}

std::string Str(const json& v) { return v.is_string() ? v.get<std::string>() : std::string(); }

// A JSON value as a key (ids may be strings or numbers; null stays distinct).
std::string Key(const json& v) { return v.dump(); }

// score.py's max_matching: candidates[i] lists the right ids left i may take;
// returns left -> right.
std::unordered_map<size_t, size_t> MaxMatching(const std::vector<std::vector<size_t>>& candidates) {
  std::unordered_map<size_t, size_t> owner;  // right -> left
  std::function<bool(size_t, std::set<size_t>&)> augment = [&](size_t i, std::set<size_t>& seen) {
    for (size_t j : candidates[i]) {
      if (seen.count(j)) continue;
      seen.insert(j);
      auto it = owner.find(j);
      if (it == owner.end() || augment(it->second, seen)) {
        owner[j] = i;
        return true;
      }
    }
    return false;
  };
  for (size_t i = 0; i < candidates.size(); ++i) {
    std::set<size_t> seen;
    augment(i, seen);
  }
  std::unordered_map<size_t, size_t> match;
  for (const auto& [j, i] : owner) match[i] = j;
  return match;
}

// One-to-one: what is matched is right, the rest of each side wrong.
Counts MatchCounts(size_t matched, size_t predicted, size_t gold) {
  Counts c;
  c.tp = matched;
  c.fp = predicted - matched;
  c.fn = gold - matched;
  return c;
}


std::vector<json> Objects(const json& parent, const char* field) {
  std::vector<json> out;
  if (!parent.is_object() || !parent.contains(field) || !parent[field].is_array()) return out;
  for (const json& v : parent[field])
    if (v.is_object()) out.push_back(v);
  return out;
}

}  // namespace

bool Intersects(const std::set<std::string>& a, const std::set<std::string>& b) {
  for (const std::string& x : a)
    if (b.count(x)) return true;
  return false;
}

std::vector<std::set<std::string>> GoldEntityNames(const json& gold) {
  std::vector<std::set<std::string>> out;
  for (const json& g : Objects(gold, "entities")) {
    std::set<std::string> names;
    if (g.contains("names") && g["names"].is_array())
      for (const json& n : g["names"]) names.insert(NormalizeForScoring(Str(n)));
    out.push_back(std::move(names));
  }
  return out;
}

std::set<std::string> GoldIdsNamed(const std::set<std::string>& names, const json& gold,
                                   const std::vector<std::set<std::string>>& gold_names) {
  std::set<std::string> ids;
  const std::vector<json> entities = Objects(gold, "entities");
  for (size_t k = 0; k < entities.size() && k < gold_names.size(); ++k)
    if (Intersects(names, gold_names[k])) ids.insert(Key(entities[k].value("id", json())));
  return ids;
}

namespace {

struct EntityView {
  std::vector<json> gold, pred;
  std::vector<std::set<std::string>> gold_names, pred_names;
  // Which gold entity ids each predicted entity id names (any type).
  std::unordered_map<std::string, std::set<std::string>> aligned;
};

EntityView AlignEntities(const json& gold, const json& pred) {
  EntityView v;
  v.gold = Objects(gold, "entities");
  v.pred = Objects(pred, "entities");
  v.gold_names = GoldEntityNames(gold);
  for (const json& e : v.pred) {
    std::set<std::string> names{NormalizeForScoring(Str(e.value("name", json())))};
    if (e.contains("mentions") && e["mentions"].is_array())
      for (const json& m : e["mentions"])
        if (m.is_object()) names.insert(NormalizeForScoring(Str(m.value("text", json()))));
    names.erase("");
    v.pred_names.push_back(std::move(names));
  }
  for (size_t i = 0; i < v.pred.size(); ++i) {
    // score.py keeps the last entity of a repeated id.
    v.aligned[Key(v.pred[i].value("id", json()))] = GoldIdsNamed(v.pred_names[i], gold, v.gold_names);
  }
  return v;
}

bool Generic(const json& g) { return g.value("generic", false) == true; }

Counts EntityCounts(const EntityView& v, bool typed) {
  std::vector<std::vector<size_t>> cands(v.pred.size());
  for (size_t i = 0; i < v.pred.size(); ++i)
    for (size_t k = 0; k < v.gold.size(); ++k)
      if (Intersects(v.pred_names[i], v.gold_names[k]) &&
          (!typed || v.pred[i].value("type", json()) == v.gold[k].value("type", json())))
        cands[i].push_back(k);
  const auto match = MaxMatching(cands);
  Counts c;
  std::set<size_t> matched_gold;
  for (size_t i = 0; i < v.pred.size(); ++i) {
    auto it = match.find(i);
    if (it != match.end()) {
      matched_gold.insert(it->second);
      if (!Generic(v.gold[it->second])) ++c.tp;
      continue;
    }
    bool names_generic = false;
    for (size_t k = 0; k < v.gold.size() && !names_generic; ++k)
      names_generic = Generic(v.gold[k]) && Intersects(v.pred_names[i], v.gold_names[k]);
    if (!names_generic) ++c.fp;
  }
  for (size_t k = 0; k < v.gold.size(); ++k)
    if (!Generic(v.gold[k]) && !matched_gold.count(k)) ++c.fn;
  return c;
}

std::set<std::string> Keys(const json& list) {
  std::set<std::string> out;
  if (list.is_array())
    for (const json& v : list) out.insert(Key(v));
  return out;
}

const std::set<std::string>& AlignedOf(const EntityView& v, const json& id) {
  static const std::set<std::string> kNone;
  auto it = v.aligned.find(Key(id));
  return it == v.aligned.end() ? kNone : it->second;
}

// Of a prediction matched to a gold relation: whether the polarity is the
// same, and whether the claimants name the same gold entities (each
// predicted claimant one the gold lists, and as many).
void AttributionAgreement(const EntityView& v, const json& predicted, const json& gold, CorpusScore& out) {
  ++out.attributed;
  if (predicted.value("polarity", json()) == gold.value("polarity", json())) ++out.polarity_right;
  const json pc = predicted.value("claimed_by", json::array()), gc = gold.value("claimed_by", json::array());
  const std::set<std::string> gold_claimants = Keys(gc);
  bool same = pc.is_array() && gc.is_array() && pc.size() == gold_claimants.size();
  if (same)
    for (const json& c : pc) same = same && Intersects(AlignedOf(v, c), gold_claimants);
  if (same) ++out.claimants_right;
}

void RelationCounts(const EntityView& v, const json& gold, const json& pred, CorpusScore& out) {
  const std::vector<json> grels = Objects(gold, "relations");
  std::vector<json> prels;
  for (const json& r : Objects(pred, "relations"))
    if (!r.value("source", json()).is_null() && !r.value("target", json()).is_null()) prels.push_back(r);
  for (bool typed : {true, false}) {
    std::vector<std::vector<size_t>> cands(prels.size());
    for (size_t i = 0; i < prels.size(); ++i) {
      const auto& s = AlignedOf(v, prels[i].value("source", json()));
      const auto& t = AlignedOf(v, prels[i].value("target", json()));
      for (size_t k = 0; k < grels.size(); ++k)
        if (Intersects(s, Keys(grels[k].value("source", json()))) &&
            Intersects(t, Keys(grels[k].value("target", json()))) &&
            (!typed || prels[i].value("type", json()) == grels[k].value("type", json())))
          cands[i].push_back(k);
    }
    const auto match = MaxMatching(cands);
    (typed ? out.relations : out.relations_untyped).Add(MatchCounts(match.size(), prels.size(), grels.size()));
    std::set<size_t> matched_gold;
    for (size_t i = 0; i < prels.size(); ++i) {
      const std::string type = Str(prels[i].value("type", json()));
      auto it = match.find(i);
      if (it != match.end()) matched_gold.insert(it->second);
      if (typed) {
        (it != match.end() ? out.by_type[type].tp : out.by_type[type].fp) += 1;
        if (it != match.end()) AttributionAgreement(v, prels[i], grels[it->second], out);
      } else if (it != match.end()) {
        ++out.confusion[type][Str(grels[it->second].value("type", json()))];
      }
    }
    if (typed)
      for (size_t k = 0; k < grels.size(); ++k)
        if (!matched_gold.count(k)) ++out.by_type[Str(grels[k].value("type", json()))].fn;
  }
}

std::set<std::string> Tokens(const std::string& text) {
  const std::vector<std::string> words = SplitOnSpaces(NormalizeForScoring(text));
  return std::set<std::string>(words.begin(), words.end());
}

Counts QuoteCounts(const EntityView& v, const json& gold, const json& pred) {
  const std::vector<json> gq = Objects(gold, "quotes");
  const std::vector<json> pq = Objects(pred, "quotes");
  std::vector<std::set<std::string>> gold_tokens;
  for (const json& g : gq) gold_tokens.push_back(Tokens(Str(g.value("text", json()))));
  std::vector<std::vector<size_t>> cands(pq.size());
  for (size_t i = 0; i < pq.size(); ++i) {
    const json speaker = pq[i].value("speaker", json());
    const std::set<std::string>* speakers = speaker.is_null() ? nullptr : &AlignedOf(v, speaker);
    const std::set<std::string> qt = Tokens(Str(pq[i].value("text", json())));
    for (size_t k = 0; k < gq.size(); ++k) {
      const json gs = gq[k].value("speaker", json());
      if (gs.is_null() ? speakers != nullptr : (speakers == nullptr || !speakers->count(Key(gs)))) continue;
      if (ContentsMatch(qt, gold_tokens[k])) cands[i].push_back(k);
    }
  }
  return MatchCounts(MaxMatching(cands).size(), pq.size(), gq.size());
}

}  // namespace

double Counts::precision() const { return tp + fp ? double(tp) / double(tp + fp) : 0.0; }
double Counts::recall() const { return tp + fn ? double(tp) / double(tp + fn) : 0.0; }
double Counts::f1() const {
  if (tp + fp + fn == 0) return 1.0;
  const double p = precision(), r = recall();
  return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

void CorpusScore::Add(const CorpusScore& o) {
  entities.Add(o.entities);
  entities_untyped.Add(o.entities_untyped);
  quotes.Add(o.quotes);
  relations.Add(o.relations);
  relations_untyped.Add(o.relations_untyped);
  documents += o.documents;
  dates_right += o.dates_right;
  attributed += o.attributed;
  polarity_right += o.polarity_right;
  claimants_right += o.claimants_right;
  for (const auto& [type, c] : o.by_type) by_type[type].Add(c);
  for (const auto& [predicted, row] : o.confusion)
    for (const auto& [gold, n] : row) confusion[predicted][gold] += n;
}

std::string CorpusScore::TotalLine() const {
  char line[256];
  std::snprintf(line, sizeof line,
                "TOTAL entities_f1=%.3f quotes_f1=%.3f relations_f1=%.3f relations_untyped_f1=%.3f date_acc=%.3f",
                entities.f1(), quotes.f1(), relations.f1(), relations_untyped.f1(), date_accuracy());
  return line;
}

std::set<std::string> ScoringWords(const std::string& text) { return Tokens(text); }

void ScoreAnalysis(const json& gold, const Document& doc, CorpusScore& out) {
  std::string line;
  WriteRecord(doc, RecordOptions{}, line);
  ScoreDocument(gold, json::parse(line), out);
}

bool ContentsMatch(const std::set<std::string>& a, const std::set<std::string>& b) {
  size_t common = 0;
  for (const std::string& w : a) common += b.count(w);
  return !a.empty() && !b.empty() && common >= 0.5 * a.size() && common >= 0.5 * b.size();
}

std::string NormalizeForScoring(const std::string& text) {
  std::string spaced;
  spaced.reserve(text.size());
  for (size_t pos = 0; pos < text.size();) {
    char32_t c = utf8::Next(text, pos);
    if (IsScoringDiacritic(c)) continue;
    c = FoldForScoring(c);
    if (IsWordChar(c))
      utf8::Append(spaced, c);
    else
      spaced.push_back(' ');
  }
  std::string out;
  for (const std::string& w : SplitOnSpaces(spaced)) {
    if (!out.empty()) out.push_back(' ');
    out += w;
  }
  return out;
}

void ScoreDocument(const json& gold, const json& prediction, CorpusScore& out) {
  const json pred = prediction.is_object() ? prediction : json::object();
  const EntityView v = AlignEntities(gold, pred);
  out.entities.Add(EntityCounts(v, true));
  out.entities_untyped.Add(EntityCounts(v, false));
  RelationCounts(v, gold, pred, out);
  out.quotes.Add(QuoteCounts(v, gold, pred));
  ++out.documents;
  const json pd = pred.value("date", json()), gd = gold.value("date", json());
  const bool pred_null = pd.is_null() || (pd.is_string() && pd.get<std::string>().empty());
  const bool gold_null = gd.is_null() || (gd.is_string() && gd.get<std::string>().empty());
  if (!pred.empty() && (pred_null ? gold_null : (!gold_null && pd == gd))) ++out.dates_right;
}

Status ReadGoldFolder(const std::string& dir, std::vector<std::pair<std::string, json>>& out) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Status::Error(dir + ": not a folder");
  std::vector<std::string> paths;
  const std::string suffix = ".gold.json";
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.size() > suffix.size() && name.ends_with(suffix)) paths.push_back(entry.path().string());
  }
  if (ec) return Status::Error(dir + ": " + ec.message());
  if (paths.empty()) return Status::Error("no *.gold.json files in " + dir);
  std::sort(paths.begin(), paths.end());
  for (const std::string& path : paths) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    json gold = json::parse(buffer.str(), nullptr, false);
    if (!in || gold.is_discarded() || !gold.is_object()) return Status::Error(path + ": not a JSON object");
    const std::string name = fs::path(path).filename().string();
    out.emplace_back(name.substr(0, name.size() - suffix.size()), std::move(gold));
  }
  return Status::Ok();
}

Status ScoreCorpus(const std::string& dir, const std::string& pred_path, CorpusScore& out) {
  std::vector<std::pair<std::string, json>> golds;
  if (Status s = ReadGoldFolder(dir, golds); !s.ok()) return s;
  std::ifstream in(pred_path, std::ios::binary);
  if (!in) return Status::Error(pred_path + ": cannot read");
  std::unordered_map<std::string, json> preds;
  std::string line;
  for (uint64_t n = 1; std::getline(in, line); ++n) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    json rec = json::parse(line, nullptr, false);
    if (rec.is_discarded()) return Status::Error(pred_path + ":" + std::to_string(n) + ": not JSON");
    if (!rec.is_object() || !rec.contains("doc_id"))
      return Status::Error(pred_path + ":" + std::to_string(n) + ": a record needs a doc_id");
    const json& id = rec["doc_id"];
    preds[id.is_string() ? id.get<std::string>() : id.dump()] = std::move(rec);
  }
  for (const auto& [doc_id, gold] : golds) {
    auto it = preds.find(doc_id);
    ScoreDocument(gold, it == preds.end() ? json() : it->second, out);
  }
  return Status::Ok();
}

Status ReadGoldReports(const std::string& dir, std::vector<std::pair<std::string, json>>& golds,
                       std::vector<std::string>& report_paths) {
  if (Status s = ReadGoldFolder(dir, golds); !s.ok()) return s;
  for (const auto& [doc_id, gold] : golds) {
    const std::string path = dir + "/" + doc_id + ".txt";
    if (!std::filesystem::exists(path)) return Status::Error(path + ": no report beside its gold file");
    report_paths.push_back(path);
  }
  return Status::Ok();
}

Status AnalyzeAndScoreCorpus(const Engine& engine, const std::string& dir, Diagnostics& diagnostics,
                             CorpusScore& out) {
  std::vector<std::pair<std::string, json>> golds;
  std::vector<std::string> inputs;
  if (Status s = ReadGoldReports(dir, golds, inputs); !s.ok()) return s;
  ReportReader reader(inputs, ReaderOptions{}, diagnostics);
  std::unordered_map<std::string, size_t> gold_of;
  for (size_t i = 0; i < golds.size(); ++i) gold_of[golds[i].first] = i;
  std::vector<bool> analysed(golds.size(), false);
  RunPipeline(engine, reader, PipelineOptions{}, [&](const Document& doc) {
    auto it = gold_of.find(doc.id);
    if (it == gold_of.end()) return;
    ScoreAnalysis(golds[it->second].second, doc, out);
    analysed[it->second] = true;
  });
  // A report that could not be read scores as no record.
  for (size_t i = 0; i < golds.size(); ++i)
    if (!analysed[i]) ScoreDocument(golds[i].second, json(), out);
  return Status::Ok();
}

std::string DescribeScore(const CorpusScore& score) {
  std::string out;
  char line[256];
  auto row = [&](const char* name, const Counts& c) {
    std::snprintf(line, sizeof line, "%-18s P=%.3f R=%.3f F1=%.3f (tp=%llu fp=%llu fn=%llu)\n", name,
                  c.precision(), c.recall(), c.f1(), static_cast<unsigned long long>(c.tp),
                  static_cast<unsigned long long>(c.fp), static_cast<unsigned long long>(c.fn));
    out += line;
  };
  row("entities", score.entities);
  row("entities_untyped", score.entities_untyped);
  row("quotes", score.quotes);
  row("relations", score.relations);
  row("relations_untyped", score.relations_untyped);
  std::snprintf(line, sizeof line,
                "relations matched (typed): %llu; polarity as the gold's %.3f, claimants as the gold's %.3f\n",
                static_cast<unsigned long long>(score.attributed),
                score.attributed ? double(score.polarity_right) / score.attributed : 0.0,
                score.attributed ? double(score.claimants_right) / score.attributed : 0.0);
  out += line;
  out += "\nrelations by type:\n";
  for (const auto& [type, c] : score.by_type) row(("  " + type).c_str(), c);
  out += "\nconfusion (sides right; rows: predicted type, columns: gold type, most frequent first):\n";
  for (const auto& [predicted, gold_row] : score.confusion) {
    std::vector<std::pair<uint64_t, std::string>> cells;
    for (const auto& [gold, n] : gold_row) cells.emplace_back(n, gold);
    std::sort(cells.begin(), cells.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    out += "  " + predicted + ":";
    for (const auto& [n, gold] : cells) out += " " + gold + "=" + std::to_string(n);
    out += "\n";
  }
  out += score.TotalLine() + "\n";
  return out;
}

}  // namespace isnad
