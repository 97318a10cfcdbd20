#include "isnad/train/relation_trainer.h"

#include <linear.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>
#include <unordered_map>

#include "isnad/base/diagnostics.h"
#include "isnad/interfaces/record_json.h"
#include "isnad/text/utf8.h"

namespace isnad {

namespace {

using json = nlohmann::json;

// Punctuation dropped, the first `keep_lines` lines (headline and date
// line, which the header reader needs) kept as they are.
std::string StripPunctuation(const std::string& text, int keep_lines) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  for (int line = 0; line < keep_lines && pos < text.size(); ++line) {
    const size_t end = text.find('\n', pos);
    const size_t stop = end == std::string::npos ? text.size() : end + 1;
    out.append(text, pos, stop - pos);
    pos = stop;
  }
  while (pos < text.size()) {
    const size_t at = pos;
    const char32_t c = utf8::Next(text, pos);
    if (!u_ispunct(static_cast<UChar32>(c))) out.append(text, at, pos - at);
  }
  return out;
}

std::set<std::string> GoldIds(const json& list) {
  std::set<std::string> out;
  if (list.is_array())
    for (const json& v : list) out.insert(v.dump());
  return out;
}

// Which gold entities (their ids, dumped) each of the document's entities
// names: its name or one of its mentions' texts equals one of their names,
// as score.py aligns them.
std::vector<std::set<std::string>> AlignToGold(const Document& doc, const json& gold) {
  std::vector<std::set<std::string>> gold_names;
  std::vector<std::string> gold_ids;
  for (const json& g : gold.value("entities", json::array())) {
    std::set<std::string> names;
    for (const json& n : g.value("names", json::array()))
      if (n.is_string()) names.insert(NormalizeForScoring(n.get<std::string>()));
    gold_names.push_back(std::move(names));
    gold_ids.push_back(g.value("id", json()).dump());
  }
  std::vector<std::set<std::string>> out(doc.entities.size());
  for (size_t e = 0; e < doc.entities.size(); ++e) {
    std::set<std::string> names{NormalizeForScoring(doc.entities[e].name)};
    for (int m : doc.entities[e].mentions) {
      const Span sp = doc.mentions[m].span;
      names.insert(NormalizeForScoring(doc.text.substr(sp.begin, sp.end - sp.begin)));
    }
    for (size_t k = 0; k < gold_names.size(); ++k)
      for (const std::string& n : names)
        if (gold_names[k].count(n)) {
          out[e].insert(gold_ids[k]);
          break;
        }
  }
  return out;
}

bool Overlaps(const std::set<std::string>& a, const std::set<std::string>& b) {
  for (const std::string& x : a)
    if (b.count(x)) return true;
  return false;
}

void LabelCandidates(ClaimsExample& ex, bool stripped) {
  const std::vector<std::set<std::string>> aligned = AlignToGold(ex.doc, ex.gold);
  ex.labels.assign(ex.candidates.size(), 0);
  for (const json& g : ex.gold.value("relations", json::array())) {
    PloverType type;
    if (!ParsePloverType(g.value("type", std::string()), type)) continue;
    ++ex.gold_relations;
    const std::set<std::string> sources = GoldIds(g.value("source", json())), targets = GoldIds(g.value("target", json()));
    std::string evidence = g.value("evidence_text", std::string());
    if (stripped) evidence = StripPunctuation(evidence, 0);
    const size_t at = evidence.empty() ? std::string::npos : ex.doc.text.find(evidence);
    if (at == std::string::npos) continue;  // not placed: no candidate is labelled from it
    ++ex.gold_relations_placed;
    const Span where{static_cast<uint32_t>(at), static_cast<uint32_t>(at + evidence.size())};
    for (size_t i = 0; i < ex.candidates.size(); ++i) {
      const RelationCandidate& c = ex.candidates[i];
      const Span sentence = c.relation.evidence;
      if (sentence.end <= where.begin || where.end <= sentence.begin) continue;
      if (Overlaps(aligned[c.relation.source], sources) && Overlaps(aligned[c.relation.target], targets))
        ex.labels[i] |= static_cast<uint16_t>(1u << static_cast<int>(type));
    }
  }
}

void Quiet(const char*) {}

// One binary logistic regression by liblinear: weights per feature index.
std::vector<double> TrainBinary(const std::vector<std::vector<feature_node>>& rows, const std::vector<double>& y,
                                int n_features, double c) {
  problem prob{};
  prob.l = static_cast<int>(rows.size());
  prob.n = n_features;
  prob.bias = -1;
  prob.y = const_cast<double*>(y.data());
  std::vector<feature_node*> x(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) x[i] = const_cast<feature_node*>(rows[i].data());
  prob.x = x.data();
  parameter param{};
  param.solver_type = L2R_LR;
  param.eps = 0.01;
  param.C = c;
  model* m = train(&prob, &param);
  std::vector<double> w(static_cast<size_t>(n_features) + 1, 0.0);
  // liblinear's w is for its first label: make it the positive class's.
  const double sign = m->label[0] == 1 ? 1.0 : -1.0;
  for (int j = 0; j < n_features; ++j) w[static_cast<size_t>(j) + 1] = sign * m->w[j];
  free_and_destroy_model(&m);
  return w;
}

}  // namespace

Status ReadClaimsCorpus(const Engine& engine, const std::string& dir, const ClaimsReadOptions& options,
                        std::vector<ClaimsExample>& out) {
  std::vector<std::pair<std::string, json>> golds;
  if (Status s = ReadGoldFolder(dir, golds); !s.ok()) return s;
  std::vector<std::string> inputs;
  for (const auto& [doc_id, gold] : golds) {
    const std::string path = dir + "/" + doc_id + ".txt";
    if (!std::filesystem::exists(path)) return Status::Error(path + ": no report beside its gold file");
    inputs.push_back(path);
  }
  out.assign(golds.size(), ClaimsExample());
  CollectingDiagnostics diagnostics;
  ReportReader reader(inputs, ReaderOptions{}, diagnostics);
  std::vector<RawReport> raws;
  for (RawReport raw; reader.Next(raw);) raws.push_back(std::move(raw));
  if (raws.size() != golds.size()) return Status::Error(dir + ": some reports could not be read");
  // Two threads, each a share of the reports; order kept by index.
  auto work = [&](size_t first, size_t step) {
    for (size_t i = first; i < raws.size(); i += step) {
      ClaimsExample& ex = out[i];
      ex.doc_id = golds[i].first;
      ex.gold = golds[i].second;
      if (options.strip_punctuation) raws[i].text = StripPunctuation(raws[i].text, 3);
      engine.AnalyzeForTraining(std::move(raws[i]), ex.doc, ex.candidates);
      LabelCandidates(ex, options.strip_punctuation);
    }
  };
  std::thread helper(work, 1, 2);
  work(0, 2);
  helper.join();
  for (size_t i = 0; i < out.size(); ++i)
    if (out[i].doc.id != golds[i].first)
      return Status::Error(dir + ": report " + out[i].doc.id + " read out of order");
  return Status::Ok();
}

RelationModel TrainRelationModel(const std::vector<const ClaimsExample*>& docs, const RelationTrainOptions& options) {
  set_print_string_function(Quiet);
  // The features seen often enough, indexed in hash order.
  std::unordered_map<uint64_t, int> counts;
  for (const ClaimsExample* ex : docs)
    for (const RelationCandidate& c : ex->candidates)
      for (uint64_t f : c.features) ++counts[f];
  std::vector<uint64_t> kept;
  for (const auto& [f, n] : counts)
    if (n >= options.min_count) kept.push_back(f);
  std::sort(kept.begin(), kept.end());
  std::unordered_map<uint64_t, int> index;
  for (size_t j = 0; j < kept.size(); ++j) index[kept[j]] = static_cast<int>(j) + 1;
  std::vector<std::vector<feature_node>> rows;
  std::vector<uint16_t> labels;
  for (const ClaimsExample* ex : docs)
    for (size_t i = 0; i < ex->candidates.size(); ++i) {
      std::vector<feature_node> row;
      for (uint64_t f : ex->candidates[i].features)
        if (auto it = index.find(f); it != index.end()) row.push_back({it->second, 1.0});
      std::sort(row.begin(), row.end(), [](const feature_node& a, const feature_node& b) { return a.index < b.index; });
      row.erase(std::unique(row.begin(), row.end(),
                            [](const feature_node& a, const feature_node& b) { return a.index == b.index; }),
                row.end());
      row.push_back({-1, 0.0});
      rows.push_back(std::move(row));
      labels.push_back(ex->labels[i]);
    }
  const int n_features = static_cast<int>(kept.size());
  std::vector<std::vector<double>> weights(kRelationColumns);
  // "related" learns from every candidate; each type column from the
  // related ones only (which type, given that there is one), so that rare
  // types are not drowned by the unrelated pairs.
  std::vector<size_t> related;
  for (size_t i = 0; i < rows.size(); ++i)
    if (labels[i]) related.push_back(i);
  auto train_types = [&](int first, int step) {
    for (int t = first; t < kRelationColumns; t += step) {
      std::vector<std::vector<feature_node>> subset;
      std::vector<double> y;
      bool any = false;
      if (t == kRelatedColumn) {
        for (size_t i = 0; i < rows.size(); ++i) y.push_back(labels[i] ? 1 : -1);
        any = !related.empty();
      } else {
        for (size_t i : related) {
          subset.push_back(rows[i]);
          y.push_back(labels[i] >> t & 1 ? 1 : -1);
          any = any || y.back() > 0;
        }
      }
      if (any)
        weights[t] = t == kRelatedColumn ? TrainBinary(rows, y, n_features, options.c)
                                         : TrainBinary(subset, y, n_features, options.c * options.type_c_scale);
    }
  };
  const int jobs = std::max(1, options.jobs);
  std::vector<std::thread> threads;
  for (int j = 1; j < jobs; ++j) threads.emplace_back(train_types, j, jobs);
  train_types(0, jobs);
  for (std::thread& th : threads) th.join();

  // Weights this small change no probability that matters: dropped, which
  // keeps the resource small.
  constexpr double kSmallestWeight = 0.01;
  std::unordered_map<uint64_t, RelationModel::Weights> table;
  for (size_t j = 0; j < kept.size(); ++j) {
    RelationModel::Weights w{};
    bool any = false;
    for (int t = 0; t < kRelationColumns; ++t) {
      if (weights[t].empty() || std::abs(weights[t][j + 1]) < kSmallestWeight) continue;
      w[t] = static_cast<float>(weights[t][j + 1]);
      any = true;
    }
    if (any) table[kept[j]] = w;
  }
  RelationModel model;
  model.Set(std::move(table), options.threshold);
  return model;
}

CorpusScore ScoreWithModel(const std::vector<const ClaimsExample*>& docs, const RelationModel& model) {
  CorpusScore score;
  for (const ClaimsExample* ex : docs) {
    Document doc = ex->doc;
    AssembleRelations(ex->candidates, model, doc);
    std::string line;
    WriteRecord(doc, RecordOptions{}, line);
    ScoreDocument(ex->gold, json::parse(line), score);
  }
  return score;
}

CorpusScore ScoreLabels(const std::vector<ClaimsExample>& corpus) {
  CorpusScore score;
  for (const ClaimsExample& ex : corpus) {
    Document doc = ex.doc;
    std::vector<RelationModel::Weights> p(ex.candidates.size());
    for (size_t i = 0; i < p.size(); ++i) {
      for (int t = 0; t < kNumPloverTypes; ++t) p[i][t] = ex.labels[i] >> t & 1 ? 1.0f : 0.0f;
      p[i][kRelatedColumn] = ex.labels[i] ? 1.0f : 0.0f;
    }
    AssembleRelations(ex.candidates, p, 0.5f, doc);
    std::string line;
    WriteRecord(doc, RecordOptions{}, line);
    ScoreDocument(ex.gold, json::parse(line), score);
  }
  return score;
}

std::vector<CrossValidationResult> CrossValidateRelations(const std::vector<ClaimsExample>& corpus,
                                                          const CrossValidationOptions& options, std::string* log) {
  std::vector<CrossValidationResult> results;
  const std::vector<float> thresholds =
      options.thresholds.empty() ? std::vector<float>{options.train.threshold} : options.thresholds;
  for (double fraction : options.fractions) {
    std::vector<CrossValidationResult> by_threshold(thresholds.size());
    for (int fold = 0; fold < options.folds; ++fold) {
      std::vector<const ClaimsExample*> train, held;
      for (size_t i = 0; i < corpus.size(); ++i)
        (static_cast<int>(i % static_cast<size_t>(options.folds)) == fold ? held : train).push_back(&corpus[i]);
      train.resize(static_cast<size_t>(std::ceil(fraction * static_cast<double>(train.size()))));
      RelationModel model = TrainRelationModel(train, options.train);
      for (size_t k = 0; k < thresholds.size(); ++k) {
        RelationModel thresholded = model;
        thresholded.SetThreshold(thresholds[k]);
        const CorpusScore score = ScoreWithModel(held, thresholded);
        by_threshold[k].per_fold.push_back(score);
        by_threshold[k].pooled.Add(score);
      }
    }
    for (size_t k = 0; k < thresholds.size(); ++k) {
      by_threshold[k].fraction = fraction;
      by_threshold[k].threshold = thresholds[k];
      if (log) {
        char line[320];
        const CrossValidationResult& r = by_threshold[k];
        double mean_typed = 0, mean_untyped = 0, mean_quotes = 0, mean_entities = 0;
        for (const CorpusScore& s : r.per_fold) {
          mean_typed += s.relations.f1() / r.per_fold.size();
          mean_untyped += s.relations_untyped.f1() / r.per_fold.size();
          mean_quotes += s.quotes.f1() / r.per_fold.size();
          mean_entities += s.entities.f1() / r.per_fold.size();
        }
        std::snprintf(line, sizeof line,
                      "cv folds=%d training=%.0f%% threshold=%.2f: mean of folds entities=%.3f quotes=%.3f "
                      "relations=%.3f relations_untyped=%.3f (pooled relations P=%.3f R=%.3f F1=%.3f)\n",
                      options.folds, 100 * fraction, static_cast<double>(thresholds[k]), mean_entities,
                      mean_quotes, mean_typed, mean_untyped, r.pooled.relations.precision(),
                      r.pooled.relations.recall(), r.pooled.relations.f1());
        *log += line;
        if (options.detail) *log += DescribeScore(r.pooled);
      }
      results.push_back(std::move(by_threshold[k]));
    }
  }
  return results;
}

}  // namespace isnad
