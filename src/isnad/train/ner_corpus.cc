// The annotated reports as training data for the tagger, and the
// cross-validation of the entity stage over them (ner_trainer.h).
#include <algorithm>
#include <filesystem>
#include <unordered_map>

#include "isnad/base/diagnostics.h"
#include "isnad/document/reader.h"
#include "isnad/interfaces/record_json.h"
#include "isnad/text/normalize.h"
#include "isnad/train/ner_trainer.h"

namespace isnad {

namespace {

using json = nlohmann::json;

// Letters as score.py's norm() folds them.
const std::string kWa = "\xD9\x88", kFa = "\xD9\x81", kBi = "\xD8\xA8", kLi = "\xD9\x84", kKa = "\xD9\x83";
const std::string kArticle = "\xD8\xA7\xD9\x84";

// The forms a name's first word may take once its proclitics are cut:
// the word itself; without wa- or fa-; then without bi-, li- or ka-; and
// lil-X as al-X (li- swallows the article's alef).
std::vector<std::string> FirstWordForms(const std::string& word) {
  std::vector<std::string> forms{word};
  std::vector<std::string> after_conjunction{word};
  for (const std::string* c : {&kWa, &kFa})
    if (word.size() > c->size() + 2 && word.starts_with(*c)) after_conjunction.push_back(word.substr(c->size()));
  for (const std::string& w : after_conjunction) {
    if (&w != &after_conjunction.front()) forms.push_back(w);
    for (const std::string* p : {&kBi, &kLi, &kKa})
      if (w.size() > p->size() + 2 && w.starts_with(*p)) forms.push_back(w.substr(p->size()));
    if (w.size() > 2 * kLi.size() + 2 && w.starts_with(kLi + kLi)) forms.push_back(kArticle + w.substr(2 * kLi.size()));
  }
  return forms;
}

struct GoldName {
  std::vector<std::string> words;  // normalized as score.py does
  EntityType type;
  bool generic;
};

EntityType GoldType(const std::string& name) {
  if (name == "PER") return EntityType::kPer;
  if (name == "ORG") return EntityType::kOrg;
  if (name == "LOC") return EntityType::kLoc;
  return EntityType::kMisc;
}

// The gold names of one report, indexed by their first word.
class NameIndex {
 public:
  NameIndex(const json& gold, const NerCorpusOptions& options) {
    if (!gold.contains("entities") || !gold["entities"].is_array()) return;
    for (size_t entity = 0; entity < gold["entities"].size(); ++entity) {
      const json& e = gold["entities"][entity];
      if (!e.is_object() || !e.contains("names") || !e["names"].is_array()) continue;
      const bool generic = e.value("generic", false);
      if (generic && !options.generic) continue;
      const EntityType type = GoldType(e.value("type", std::string()));
      if (type == EntityType::kMisc) continue;
      for (const json& n : e["names"]) {
        if (!n.is_string()) continue;
        GoldName name{SplitOnSpaces(NormalizeForScoring(n.get<std::string>())), type, generic};
        if (name.words.empty()) continue;
        by_first_[name.words.front()].push_back(names_.size());
        entity_of_.push_back(entity);
        names_.push_back(std::move(name));
      }
    }
  }
  const std::vector<size_t>* StartingWith(const std::string& word) const {
    auto it = by_first_.find(word);
    return it == by_first_.end() ? nullptr : &it->second;
  }
  const GoldName& name(size_t k) const { return names_[k]; }
  size_t entity_of(size_t k) const { return entity_of_[k]; }  // its index in the gold's entities

 private:
  std::vector<GoldName> names_;
  std::vector<size_t> entity_of_;
  std::unordered_map<std::string, std::vector<size_t>> by_first_;
};

// Where gold name `name` ends when it starts at word `i` (its first word
// already matched), or 0. Punctuation inside (the guillemets of
// munazzamat <<atibba' bila hudud>>) is passed over.
size_t MatchEnd(const std::vector<std::string>& forms, size_t i, const GoldName& name) {
  size_t j = i + 1;
  for (size_t w = 1; w < name.words.size(); ++w) {
    while (j < forms.size() && forms[j].empty()) ++j;
    if (j >= forms.size() || forms[j] != name.words[w]) return 0;
    ++j;
  }
  return j;
}

// Tags one sentence's words with the longest gold name found at each place.
void TagSentence(const std::vector<std::string>& forms, const NameIndex& names, std::vector<int>& tags,
                 std::vector<bool>& entity_found) {
  tags.assign(forms.size(), 0);
  for (size_t i = 0; i < forms.size();) {
    size_t best_end = 0, best = 0;
    if (!forms[i].empty())
      for (const std::string& first : FirstWordForms(forms[i]))
        if (const std::vector<size_t>* starting = names.StartingWith(first))
          for (size_t k : *starting) {
            const size_t end = MatchEnd(forms, i, names.name(k));
            if (end > best_end) best_end = end, best = k;
          }
    if (best_end == 0) {
      ++i;
      continue;
    }
    // A name the gold also gives without its leading words (the title of
    // al-ra'is al-yamani al-sabiq Ali Abdullah Salih, the noun of madinat
    // Aden) is tagged without them, as the shorter name: the recognizer's
    // rules read titles and place nouns.
    size_t begin = i;
    for (size_t p = i + 1; p < best_end; ++p) {
      if (forms[p].empty()) continue;
      const std::vector<size_t>* starting = names.StartingWith(forms[p]);
      if (!starting) continue;
      for (size_t k : *starting)
        if (names.entity_of(k) == names.entity_of(best) && MatchEnd(forms, p, names.name(k)) == best_end) begin = p;
      if (begin != i) break;
    }
    const GoldName& name = names.name(best);
    tags[begin] = BeginTag(name.type);
    for (size_t j = begin + 1; j < best_end; ++j) tags[j] = InsideTag(name.type);
    if (!name.generic) entity_found[names.entity_of(best)] = true;
    i = best_end;
  }
}

// One report's body sentences, tagged (as the recognizer reads them: the
// header lines are not).
void ProjectReport(const Document& doc, const json& gold, const NerCorpusOptions& options, NerCorpus& out) {
  const NameIndex names(gold, options);
  std::vector<bool> entity_found(gold.contains("entities") ? gold["entities"].size() : 0, false);
  const TextAnalysis& a = doc.analysis;
  const std::string_view text(doc.text);
  const size_t first = out.sentences.size();
  std::vector<std::string> forms;
  for (const Sentence& s : a.sentences) {
    if (s.token_begin == s.token_end || doc.InHeader(a.tokens[s.token_begin].begin)) continue;
    TaggedSentence tagged;
    tagged.misc_unlabeled = true;
    forms.clear();
    for (uint32_t t = s.token_begin; t < s.token_end; ++t) {
      const std::string word(text.substr(a.tokens[t].begin, a.tokens[t].end - a.tokens[t].begin));
      forms.push_back(NormalizeForScoring(word));
      tagged.words.push_back(word);
    }
    TagSentence(forms, names, tagged.tags, entity_found);
    out.sentences.push_back(std::move(tagged));
  }
  out.documents.emplace_back(first, out.sentences.size());
  if (gold.contains("entities") && gold["entities"].is_array())
    for (size_t k = 0; k < gold["entities"].size(); ++k)
      if (!gold["entities"][k].value("generic", false)) {
        ++out.entities;
        out.entities_found += entity_found[k];
      }
}

}  // namespace

Status ProjectNerCorpus(const TextCore& core, const HeaderLexicons& header, const std::string& dir,
                        const NerCorpusOptions& options, NerCorpus& out) {
  out = NerCorpus();
  std::vector<std::pair<std::string, json>> golds;
  std::vector<std::string> inputs;
  if (Status s = ReadGoldReports(dir, golds, inputs); !s.ok()) return s;
  CollectingDiagnostics diagnostics;
  ReportReader reader(inputs, ReaderOptions{}, diagnostics);
  for (RawReport raw; reader.Next(raw);) {
    const size_t i = out.reports.size();
    if (i >= golds.size() || raw.id != golds[i].first)
      return Status::Error(dir + ": report " + raw.id + " read out of order");
    Document doc;
    doc.id = std::move(raw.id);
    doc.origin = std::move(raw.origin);
    doc.text = std::move(raw.text);
    ReadHeader(header, doc);
    core.Analyze(doc.text, doc.analysis);
    ProjectReport(doc, golds[i].second, options, out);
    out.doc_ids.push_back(doc.id);
    out.golds.push_back(std::move(golds[i].second));
    out.reports.push_back(std::move(doc));
  }
  if (out.reports.size() != golds.size()) return Status::Error(dir + ": some reports could not be read");
  return Status::Ok();
}

Status CrossValidateEntities(const std::string& data_dir, const TextCore& core, const EntityRecognizer& recognizer,
                             const NerCorpus& corpus, int folds, EntityCrossValidation& out, std::string* log,
                             const std::string& models_dir, const std::string& load_models_dir) {
  out = EntityCrossValidation();
  out.records.resize(corpus.reports.size());
  if (folds < 2) return Status::Error("cross-validation needs two folds or more");
  for (int fold = 0; fold < folds; ++fold) {
    ProjectNerOptions options;
    options.corpus = &corpus;
    options.corpus_documents.resize(corpus.reports.size());
    for (size_t d = 0; d < corpus.reports.size(); ++d)
      options.corpus_documents[d] = static_cast<int>(d % static_cast<size_t>(folds)) != fold;
    NerModels models;
    if (!load_models_dir.empty()) {
      if (Status s = NerModels::Load(load_models_dir + "/fold-" + std::to_string(fold), models); !s.ok()) return s;
    } else if (Status s = TrainProjectNer(data_dir, core, recognizer.gazetteer(), options, models, nullptr); !s.ok()) {
      return s;
    }
    if (!models_dir.empty()) {
      const std::string folder = models_dir + "/fold-" + std::to_string(fold);
      std::error_code error;
      std::filesystem::create_directories(folder, error);
      if (Status s = models.Save(folder); !s.ok()) return s;
    }
    EntityRecognizer reader = recognizer;
    reader.ReplaceReportModels(std::move(models));
    CorpusScore fold_score;
    for (size_t d = 0; d < corpus.reports.size(); ++d) {
      if (options.corpus_documents[d]) continue;
      Document doc = corpus.reports[d];
      reader.Recognize(core, doc);
      WriteRecord(doc, RecordOptions{}, out.records[d]);
      ScoreDocument(corpus.golds[d], json::parse(out.records[d]), fold_score);
    }
    out.entities.Add(fold_score.entities);
    out.entities_untyped.Add(fold_score.entities_untyped);
    out.per_fold.push_back(fold_score.entities);
    if (log)
      *log += "fold " + std::to_string(fold + 1) + ": entities F1 " + std::to_string(fold_score.entities.f1()) + "\n";
  }
  return Status::Ok();
}

}  // namespace isnad
