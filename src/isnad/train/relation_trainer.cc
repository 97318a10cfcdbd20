#include "isnad/train/relation_trainer.h"

#include <linear.h>
#include <map>
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
#include "isnad/text/normalize.h"
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
// names, as score.py aligns the record's: its name or one of its mentions'
// texts is one of their names.
std::vector<std::set<std::string>> AlignToGold(const Document& doc, const json& gold) {
  const std::vector<std::set<std::string>> gold_names = GoldEntityNames(gold);
  std::vector<std::set<std::string>> out(doc.entities.size());
  for (size_t e = 0; e < doc.entities.size(); ++e) {
    std::set<std::string> names{NormalizeForScoring(doc.entities[e].name)};
    for (int m : doc.entities[e].mentions) {
      const Span sp = doc.mentions[m].span;
      names.insert(NormalizeForScoring(doc.text.substr(sp.begin, sp.end - sp.begin)));
    }
    names.erase("");
    out[e] = GoldIdsNamed(names, gold, gold_names);
  }
  return out;
}

// Each quote's speaker candidates against the gold quote whose content it
// matches (the most words in common).
void LabelSpeakers(ClaimsExample& ex, const std::vector<std::set<std::string>>& aligned,
                   const std::vector<std::set<std::string>>& gold_words) {
  ex.speaker_labels.assign(ex.candidates.speakers.size(), -1);
  const json gold_quotes = ex.gold.value("quotes", json::array());
  for (size_t i = 0; i < ex.candidates.speakers.size(); ++i) {
    const SpeakerCandidate& c = ex.candidates.speakers[i];
    const Span content = ex.doc.quotes[c.quote].content;
    const std::set<std::string> words = ScoringWords(ex.doc.text.substr(content.begin, content.end - content.begin));
    int best = -1;
    size_t best_common = 0;
    for (size_t k = 0; k < gold_words.size(); ++k) {
      if (!ContentsMatch(words, gold_words[k])) continue;
      size_t common = 0;
      for (const std::string& w : words) common += gold_words[k].count(w);
      if (best < 0 || common > best_common) best = static_cast<int>(k), best_common = common;
    }
    if (best < 0) continue;
    const json speaker = gold_quotes[static_cast<size_t>(best)].value("speaker", json());
    const bool right = speaker.is_null() ? c.entity < 0 : (c.entity >= 0 && aligned[c.entity].count(speaker.dump()));
    ex.speaker_labels[i] = right ? 1 : 0;
  }
}

// Each quote candidate against the gold quotes: are its words one's?
void LabelQuotes(ClaimsExample& ex, const std::vector<std::set<std::string>>& gold_words) {
  ex.quote_labels.assign(ex.candidates.quotes.size(), 0);
  for (size_t i = 0; i < ex.candidates.quotes.size(); ++i) {
    const Span content = ex.candidates.quotes[i].content;
    const std::set<std::string> words = ScoringWords(ex.doc.text.substr(content.begin, content.end - content.begin));
    for (const std::set<std::string>& gold : gold_words) ex.quote_labels[i] |= ContentsMatch(words, gold);
  }
}

void LabelCandidates(ClaimsExample& ex, bool stripped) {
  const std::vector<std::set<std::string>> aligned = AlignToGold(ex.doc, ex.gold);
  // Each gold quote's words, as score.py compares them.
  std::vector<std::set<std::string>> gold_words;
  for (const json& g : ex.gold.value("quotes", json::array()))
    gold_words.push_back(ScoringWords(g.value("text", std::string())));
  LabelSpeakers(ex, aligned, gold_words);
  LabelQuotes(ex, gold_words);
  ex.labels.assign(ex.candidates.pairs.size(), 0);
  ex.word_labels.assign(ex.candidates.words.size(), 0);
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
    const uint16_t bit = static_cast<uint16_t>(1u << static_cast<int>(type));
    // The trigger: its words inside the evidence.
    std::string trigger = g.value("trigger", std::string());
    if (stripped) trigger = StripPunctuation(trigger, 0);
    const size_t trigger_at = trigger.empty() ? std::string::npos : ex.doc.text.find(trigger, at);
    if (trigger_at != std::string::npos && trigger_at + trigger.size() <= where.end) {
      ++ex.gold_triggers_placed;
      for (size_t w = 0; w < ex.candidates.words.size(); ++w) {
        const Token& tok = ex.doc.analysis.tokens[ex.candidates.words[w].token];
        if (tok.begin < trigger_at + trigger.size() && trigger_at < tok.end) ex.word_labels[w] |= bit;
      }
    }
    for (size_t i = 0; i < ex.candidates.pairs.size(); ++i) {
      const RelationCandidate& c = ex.candidates.pairs[i];
      const Span sentence = c.relation.evidence;
      const bool restated = !trigger.empty() && ex.doc.text.substr(sentence.begin, sentence.end - sentence.begin).find(trigger) != std::string::npos;
      if ((sentence.end <= where.begin || where.end <= sentence.begin) && !restated) continue;
      if (Intersects(aligned[c.relation.source], sources) && Intersects(aligned[c.relation.target], targets))
        ex.labels[i] |= bit;
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
  return ReadClaimsCorpus(std::vector<const Engine*>{&engine}, dir, options, out);
}

Status ReadClaimsCorpus(const std::vector<const Engine*>& engines, const std::string& dir,
                        const ClaimsReadOptions& options, std::vector<ClaimsExample>& out) {
  if (engines.empty()) return Status::Error("no engine to read " + dir);
  std::vector<std::pair<std::string, json>> golds;
  std::vector<std::string> inputs;
  if (Status s = ReadGoldReports(dir, golds, inputs); !s.ok()) return s;
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
      ex.stripped = options.strip_punctuation;
      if (options.strip_punctuation) raws[i].text = StripPunctuation(raws[i].text, 3);
      engines[i % engines.size()]->AnalyzeForTraining(std::move(raws[i]), ex.doc, ex.candidates);
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

std::string DescribeClaimsCorpus(const std::vector<ClaimsExample>& corpus) {
  size_t pairs = 0, related = 0, words = 0, triggers = 0, ranked_quotes = 0, reachable_quotes = 0;
  int gold = 0, placed = 0, triggers_placed = 0;
  for (const ClaimsExample& ex : corpus) {
    pairs += ex.candidates.pairs.size();
    words += ex.candidates.words.size();
    for (uint16_t l : ex.labels) related += l != 0;
    for (uint16_t l : ex.word_labels) triggers += l != 0;
    gold += ex.gold_relations;
    placed += ex.gold_relations_placed;
    triggers_placed += ex.gold_triggers_placed;
    for (size_t i = 0; i < ex.candidates.speakers.size();) {
      const uint32_t quote = ex.candidates.speakers[i].quote;
      bool known = false, reachable = false;
      for (; i < ex.candidates.speakers.size() && ex.candidates.speakers[i].quote == quote; ++i) {
        known = known || ex.speaker_labels[i] >= 0;
        reachable = reachable || ex.speaker_labels[i] > 0;
      }
      ranked_quotes += known;
      reachable_quotes += reachable;
    }
  }
  char text[512];
  std::snprintf(text, sizeof text,
                "isnad: %zu reports, %zu pairs (%zu labelled), %zu words (%zu triggers); %d of %d gold relations "
                "placed, %d triggers; %zu quotes matching a gold quote have speaker candidates, %zu the gold "
                "speaker among them\n",
                corpus.size(), pairs, related, words, triggers, placed, gold, triggers_placed, ranked_quotes,
                reachable_quotes);
  return text;
}

TypedLinearModel TrainTypedModel(const std::vector<const std::vector<uint64_t>*>& examples,
                              const std::vector<uint16_t>& labels, const RelationTrainOptions& options) {
  set_print_string_function(Quiet);
  // The features seen often enough, indexed in hash order.
  std::unordered_map<uint64_t, int> counts;
  for (const std::vector<uint64_t>* features : examples)
    for (uint64_t f : *features) ++counts[f];
  std::vector<uint64_t> kept;
  for (const auto& [f, n] : counts)
    if (n >= options.min_count) kept.push_back(f);
  std::sort(kept.begin(), kept.end());
  std::unordered_map<uint64_t, int> index;
  for (size_t j = 0; j < kept.size(); ++j) index[kept[j]] = static_cast<int>(j) + 1;
  std::vector<std::vector<feature_node>> rows;
  for (const std::vector<uint64_t>* features : examples) {
    std::vector<feature_node> row;
    for (uint64_t f : *features)
      if (auto it = index.find(f); it != index.end()) row.push_back({it->second, 1.0});
    std::sort(row.begin(), row.end(), [](const feature_node& x, const feature_node& y) { return x.index < y.index; });
    row.erase(std::unique(row.begin(), row.end(),
                          [](const feature_node& x, const feature_node& y) { return x.index == y.index; }),
              row.end());
    row.push_back({-1, 0.0});
    rows.push_back(std::move(row));
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
      } else if (options.types) {
        for (size_t i : related) {
          subset.push_back(rows[i]);
          y.push_back(labels[i] >> t & 1 ? 1 : -1);
          any = any || y.back() > 0;
        }
      }
      if (any) weights[t] = TrainBinary(t == kRelatedColumn ? rows : subset, y, n_features, options.c);
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
  std::unordered_map<uint64_t, TypedLinearModel::Weights> table;
  for (size_t j = 0; j < kept.size(); ++j) {
    TypedLinearModel::Weights w{};
    bool any = false;
    for (int t = 0; t < kRelationColumns; ++t) {
      if (weights[t].empty() || std::abs(weights[t][j + 1]) < kSmallestWeight) continue;
      w[t] = static_cast<float>(weights[t][j + 1]);
      any = true;
    }
    if (any) table[kept[j]] = w;
  }
  TypedLinearModel model;
  model.Set(std::move(table), options.threshold);
  return model;
}

namespace {

// The trigger detector's verdicts on `docs`' words, each document's from a
// detector that did not learn from it (cross-fitting over `folds` parts), so
// that the relation detector learns how far to trust them on unseen text.
std::vector<std::vector<TypedLinearModel::Weights>> CrossFittedWordProbabilities(
    const std::vector<const ClaimsExample*>& docs, const RelationTrainOptions& options, int folds) {
  std::vector<std::vector<TypedLinearModel::Weights>> out(docs.size());
  // A report's fold by its id, so that two copies of one report (as
  // published and without punctuation) fall in the same one.
  std::map<std::string, size_t> ordinal;
  std::vector<int> fold_of(docs.size());
  for (size_t d = 0; d < docs.size(); ++d)
    fold_of[d] = static_cast<int>(ordinal.emplace(docs[d]->doc_id, ordinal.size()).first->second %
                                  static_cast<size_t>(folds));
  for (int fold = 0; fold < folds; ++fold) {
    std::vector<const ClaimsExample*> others;
    for (size_t d = 0; d < docs.size(); ++d)
      if (fold_of[d] != fold) others.push_back(docs[d]);
    const TypedLinearModel words = TrainTriggerModel(others, options);
    for (size_t d = 0; d < docs.size(); ++d) {
      if (fold_of[d] != fold) continue;
      const auto& candidates = docs[d]->candidates.words;
      out[d].resize(candidates.size());
      for (size_t w = 0; w < candidates.size(); ++w) words.Probabilities(candidates[w].features, out[d][w]);
    }
  }
  return out;
}

}  // namespace

TypedLinearModel TrainTriggerModel(const std::vector<const ClaimsExample*>& docs, const RelationTrainOptions& options) {
  std::vector<const std::vector<uint64_t>*> rows;
  std::vector<uint16_t> labels;
  for (const ClaimsExample* ex : docs)
    for (size_t w = 0; w < ex->candidates.words.size(); ++w) {
      rows.push_back(&ex->candidates.words[w].features);
      labels.push_back(ex->word_labels[w]);
    }
  RelationTrainOptions trigger_options = options;
  trigger_options.threshold = 0.5f;
  TypedLinearModel model = TrainTypedModel(rows, labels, trigger_options);
  model.SetFeatures(WordFeaturesName());
  return model;
}

namespace {

// A word as a cue form: Matching-normalized, a glued wa- or fa- cut when
// three letters or more remain.
std::string CueForm(std::string_view word) {
  static const NormalizeOptions match = NormalizeOptions::Matching();
  std::string n = Normalize(word, match);
  static const std::string kWaw = "\xD9\x88", kFeh = "\xD9\x81";
  size_t letters = 0;
  for (size_t pos = 0; pos < n.size(); ++letters) utf8::Next(n, pos);
  if ((n.starts_with(kWaw) || n.starts_with(kFeh)) && letters >= 4) n.erase(0, kWaw.size());
  return n;
}

// The words of a text, split at whatever is not a letter.
std::vector<std::string_view> Words(std::string_view text) {
  std::vector<std::string_view> out;
  size_t start = std::string_view::npos;
  for (size_t pos = 0; pos < text.size();) {
    const size_t at = pos;
    const char32_t c = utf8::Next(text, pos);
    const bool letter = u_isalpha(static_cast<UChar32>(c)) || u_getCombiningClass(static_cast<UChar32>(c)) > 0;
    if (letter && start == std::string_view::npos) start = at;
    if (!letter && start != std::string_view::npos) {
      out.push_back(text.substr(start, at - start));
      start = std::string_view::npos;
    }
  }
  if (start != std::string_view::npos) out.push_back(text.substr(start));
  return out;
}

}  // namespace

std::vector<LearnedCue> LearnCues(const std::vector<const ClaimsExample*>& docs, const ClaimExtractor& claims) {
  std::map<std::string, LearnedCue> seen;
  std::map<std::string, int> continuing;
  std::set<std::string> read;  // a report's copies count once
  std::vector<const ClaimsExample*> unique;
  for (const ClaimsExample* ex : docs)
    if (read.insert(ex->doc_id).second) unique.push_back(ex);
  for (const ClaimsExample* ex : unique) {
    json previous_speaker;
    for (const json& q : ex->gold.value("quotes", json::array())) {
      const std::vector<std::string_view> cue_words = Words(q.value("cue", std::string()));
      const json speaker = q.value("speaker", json());
      if (!cue_words.empty()) {
        LearnedCue& cue = seen[CueForm(cue_words.front())];
        ++cue.quotes;
        if (!speaker.is_null() && speaker == previous_speaker) ++continuing[CueForm(cue_words.front())];
      }
      previous_speaker = speaker;
    }
  }
  for (const ClaimsExample* ex : unique)
    for (std::string_view w : Words(ex->doc.text))
      if (auto it = seen.find(CueForm(w)); it != seen.end()) ++it->second.occurrences;
  std::vector<LearnedCue> out;
  for (auto& [form, cue] : seen) {
    if (form.empty() || cue.occurrences == 0 || cue.quotes < 2 || 4 * cue.quotes < cue.occurrences || claims.IsCueOrClosedWord(form)) continue;
    cue.form = form;
    cue.kind = 2 * continuing[form] >= cue.quotes ? CueKind::kContinue : CueKind::kSay;
    out.push_back(cue);
  }
  return out;
}

std::string SerializeCues(const std::vector<LearnedCue>& cues) {
  std::string out = "# isnad-resource learned-cues 1\n";
  out += "# Generated by `isnad train-claims` from the gold quotes of ../shared/corpus/train (CC BY-NC-SA 4.0); do not edit.\n";
  out += "# kind (say: the quote names its speaker; continue: it continues the last one), form, quotes it opens, occurrences\n";
  for (const LearnedCue& c : cues)
    out += std::string(c.kind == CueKind::kContinue ? "continue" : "say") + "\t" + c.form + "\t" +
           std::to_string(c.quotes) + "\t" + std::to_string(c.occurrences) + "\n";
  return out;
}

TypedLinearModel TrainSpeakerModel(const std::vector<const ClaimsExample*>& docs, const RelationTrainOptions& options) {
  std::vector<const std::vector<uint64_t>*> rows;
  std::vector<uint16_t> labels;
  for (const ClaimsExample* ex : docs)
    for (size_t i = 0; i < ex->candidates.speakers.size(); ++i) {
      if (ex->speaker_labels[i] < 0) continue;
      rows.push_back(&ex->candidates.speakers[i].features);
      labels.push_back(static_cast<uint16_t>(ex->speaker_labels[i]));
    }
  RelationTrainOptions ranker = options;
  ranker.types = false;
  TypedLinearModel model = TrainTypedModel(rows, labels, ranker);
  model.SetFeatures(SpeakerFeaturesName());
  return model;
}

TypedLinearModel TrainQuoteModel(const std::vector<const ClaimsExample*>& docs, const RelationTrainOptions& options,
                                 float threshold) {
  std::vector<const std::vector<uint64_t>*> rows;
  std::vector<uint16_t> labels;
  for (const ClaimsExample* ex : docs)
    for (size_t i = 0; i < ex->candidates.quotes.size(); ++i) {
      rows.push_back(&ex->candidates.quotes[i].features);
      labels.push_back(ex->quote_labels[i]);
    }
  RelationTrainOptions detector = options;
  detector.types = false;
  detector.c = kQuoteDetectorC;
  TypedLinearModel model = TrainTypedModel(rows, labels, detector);
  model.SetFeatures(QuoteFeaturesName());
  model.SetThreshold(threshold);
  return model;
}

namespace {

// The trigger, relation, speaker and quote models on `docs` as read with
// the learned cues of `out`.
ClaimModels TrainOnReading(const std::vector<const ClaimsExample*>& docs, const RelationTrainOptions& options,
                           ClaimModels out) {
  const auto word_probabilities = CrossFittedWordProbabilities(docs, options, options.inner_folds);
  out.triggers = TrainTriggerModel(docs, options);
  std::vector<std::vector<uint64_t>> stacked;
  std::vector<uint16_t> labels;
  for (size_t d = 0; d < docs.size(); ++d)
    for (size_t i = 0; i < docs[d]->candidates.pairs.size(); ++i) {
      stacked.emplace_back();
      StackedFeatures(docs[d]->candidates.pairs[i], word_probabilities[d], stacked.back());
      labels.push_back(docs[d]->labels[i]);
    }
  std::vector<const std::vector<uint64_t>*> rows;
  for (const auto& features : stacked) rows.push_back(&features);
  out.relations = TrainTypedModel(rows, labels, options);
  out.relations.SetFeatures(PairFeaturesName());
  out.speakers = TrainSpeakerModel(docs, options);
  out.quotes = TrainQuoteModel(docs, options, kQuoteThreshold);
  return out;
}

}  // namespace

ClaimModels TrainClaimModels(const std::vector<const ClaimsExample*>& docs, const RelationTrainOptions& options,
                             const ClaimExtractor& claims) {
  ClaimModels out;
  out.cues = LearnCues(docs, claims);
  // The training reports read again with the cues learned from them, as
  // new reports will be read: the quote detector learns from the quotes
  // those cues open, the other models from the reading they will see.
  ClaimModels cues_only;
  cues_only.cues = out.cues;
  const std::vector<ClaimsExample> reread = ReadAgainWithModels(docs, cues_only, claims, /*labelled=*/true);
  std::vector<const ClaimsExample*> read_again;
  for (const ClaimsExample& ex : reread) read_again.push_back(&ex);
  return TrainOnReading(read_again, options, std::move(out));
}

CorpusScore ScoreWithModels(const std::vector<const ClaimsExample*>& docs, const ClaimModels& models,
                            std::string* records) {
  CorpusScore score;
  for (const ClaimsExample* ex : docs) {
    Document doc = ex->doc;
    AssembleSpeakers(ex->candidates, models.speakers, doc);
    AssembleRelations(ex->candidates, models.triggers, models.relations, doc);
    if (records) WriteRecord(doc, RecordOptions{}, *records);
    ScoreAnalysis(ex->gold, doc, score);
  }
  return score;
}

std::vector<ClaimsExample> ReadAgainWithModels(const std::vector<const ClaimsExample*>& docs,
                                               const ClaimModels& models, const ClaimExtractor& claims,
                                               bool labelled) {
  ClaimExtractor with_cues = claims;
  std::vector<std::pair<std::string, CueKind>> forms;
  for (const LearnedCue& c : models.cues) forms.emplace_back(c.form, c.kind);
  with_cues.AddCues(forms);
  with_cues.SetQuoteModel(models.quotes);
  std::vector<ClaimsExample> out;
  for (const ClaimsExample* ex : docs) {
    ClaimsExample again;
    again.doc_id = ex->doc_id;
    again.gold = ex->gold;
    again.doc = ex->doc;
    again.stripped = ex->stripped;
    with_cues.ExtractCandidates(again.doc, again.candidates);
    if (labelled) LabelCandidates(again, again.stripped);
    out.push_back(std::move(again));
  }
  return out;
}

CorpusScore ScoreLabels(const std::vector<ClaimsExample>& corpus) {
  CorpusScore score;
  for (const ClaimsExample& ex : corpus) {
    Document doc = ex.doc;
    std::vector<TypedLinearModel::Weights> p(ex.candidates.pairs.size());
    for (size_t i = 0; i < p.size(); ++i) {
      for (int t = 0; t < kNumPloverTypes; ++t) p[i][t] = ex.labels[i] >> t & 1 ? 1.0f : 0.0f;
      p[i][kRelatedColumn] = ex.labels[i] ? 1.0f : 0.0f;
    }
    AssembleRelations(ex.candidates.pairs, p, 0.5f, doc);
    ScoreAnalysis(ex.gold, doc, score);
  }
  return score;
}

std::vector<CrossValidationResult> CrossValidateRelations(const std::vector<ClaimsExample>& corpus,
                                                          const ClaimExtractor& claims,
                                                          const CrossValidationOptions& options, std::string* log) {
  std::vector<CrossValidationResult> results;
  const std::vector<float> thresholds =
      options.thresholds.empty() ? std::vector<float>{options.train.threshold} : options.thresholds;
  for (double fraction : options.fractions) {
    std::vector<CrossValidationResult> by_threshold(thresholds.size());
    for (int fold = 0; fold < options.folds; ++fold) {
      const std::vector<ClaimsExample>& reading =
          options.fold_readings ? (*options.fold_readings)[static_cast<size_t>(fold)] : corpus;
      std::vector<const ClaimsExample*> train, held;
      for (size_t i = 0; i < reading.size(); ++i)
        (static_cast<int>(i % static_cast<size_t>(options.folds)) == fold ? held : train).push_back(&reading[i]);
      train.resize(static_cast<size_t>(std::ceil(fraction * static_cast<double>(train.size()))));
      // The training reports' other copies, next to them.
      if (options.copies) {
        std::vector<const ClaimsExample*> both;
        for (const ClaimsExample* ex : train) {
          both.push_back(ex);
          both.push_back(&(*options.copies)[static_cast<size_t>(ex - reading.data())]);
        }
        train = std::move(both);
      }
      ClaimModels models = TrainClaimModels(train, options.train, claims);
      // The held reports' claims read again with the fold's learned cues,
      // once for all thresholds.
      std::vector<ClaimsExample> reread;
      if (options.learn_cues) {
        reread = ReadAgainWithModels(held, models, claims);
        held.clear();
        for (const ClaimsExample& ex : reread) held.push_back(&ex);
      }
      for (size_t k = 0; k < thresholds.size(); ++k) {
        models.relations.SetThreshold(thresholds[k]);
        const bool keep = options.records && k == 0 && fraction == options.fractions.back();
        const CorpusScore score = ScoreWithModels(held, models, keep ? options.records : nullptr);
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
