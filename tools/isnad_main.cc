// isnad: the command-line program. A thin layer over the library: parse
// flags, load the engine, call the library, print what it reports.
//
// Exit status: 0 all input read; 1 a fatal error (bad flags, resources
// missing, output not writable); 2 some input skipped or repaired with loss
// (every such case is named on standard error).
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "isnad/base/diagnostics.h"
#include "isnad/document/analyze.h"
#include "isnad/eval/corpus_eval.h"
#include "isnad/eval/ner_eval.h"
#include "isnad/eval/segment_eval.h"
#include "isnad/interfaces/readable.h"
#include "isnad/interfaces/record_json.h"
#include "isnad/interfaces/web_api.h"
#include "isnad/store/store.h"
#include "isnad/train/cluster_builder.h"
#include "isnad/train/event_trainer.h"
#include "isnad/train/gazetteer_builder.h"
#include "isnad/train/lexicon_builder.h"
#include "isnad/train/ner_trainer.h"
#include "isnad/train/relation_trainer.h"

namespace {

class StderrDiagnostics : public isnad::Diagnostics {
 public:
  explicit StderrDiagnostics(bool quiet_notes) : quiet_notes_(quiet_notes) {}

 protected:
  void Emit(const isnad::Diagnostic& d) override {
    if (quiet_notes_ && d.severity == isnad::Severity::kNote) return;
    std::fprintf(stderr, "isnad: %s\n", isnad::FormatDiagnostic(d).c_str());
  }

 private:
  bool quiet_notes_;
};

int Fail(const std::string& message) {
  std::fprintf(stderr, "isnad: error: %s\n", message.c_str());
  return 1;
}

bool LoadEngine(const std::string& flag, const char* argv0, isnad::Engine& engine) {
  std::string dir = isnad::FindResourceDir(flag, argv0);
  isnad::Status s = isnad::Engine::Load(dir, engine);
  if (!s.ok()) {
    Fail(s.message() + " (resources looked for in " + dir + "; set --resources or ISNAD_RESOURCES)");
    return false;
  }
  return true;
}

// Opens an existing store for the corpus commands; prints why not.
bool OpenExistingStore(const std::string& path, std::unique_ptr<isnad::Store>& store) {
  if (!std::filesystem::exists(path)) {
    Fail(path + ": no such store (make one with analyze --db)");
    return false;
  }
  isnad::Status s = isnad::Store::Open(path, store);
  if (!s.ok()) {
    Fail(s.message());
    return false;
  }
  return true;
}

// `isnad train-ner`: the first reader (ANERcorp and NewsFANE) and the
// second (the same and the annotated reports of `corpus_dir`, by default
// ../shared/corpus/train beside `data_dir`); with `holdout`, the first
// reader's ANERcorp score on that share of its training part, nothing
// written.
int TrainNer(const std::string& dir, const std::string& data_dir, std::string corpus_dir, std::string model_out,
             double holdout) {
  // The models are what is being made: load only what they are trained on.
  isnad::TextCore core;
  isnad::Gazetteer gazetteer;
  isnad::HeaderLexicons header;
  isnad::Status s = isnad::TextCore::Load(dir, core);
  if (s.ok()) s = isnad::Gazetteer::Load(dir + "/entities", gazetteer);
  if (s.ok()) s = isnad::HeaderLexicons::Load(dir, header);
  if (!s.ok()) return Fail(s.message());
  isnad::ProjectNerOptions project;
  std::vector<isnad::TaggedSentence> held_out;
  project.holdout = holdout;
  project.held_out = &held_out;
  isnad::NerModels first;
  std::string log;
  s = isnad::TrainProjectNer(data_dir, core, gazetteer, project, first, &log);
  std::fprintf(stderr, "%s", log.c_str());
  if (!s.ok()) return Fail(s.message());
  if (holdout > 0) {
    isnad::EntityRecognizer recognizer;
    s = isnad::EntityRecognizer::Load(dir, recognizer);
    if (!s.ok()) return Fail(s.message());
    recognizer.ReplaceModels(std::move(first));
    isnad::NerScore score;
    isnad::ScoreNerSentences(held_out, core, recognizer, score);
    for (int t = 0; t < isnad::kNumEntityTypes; ++t)
      std::printf("%-4s f1=%.4f\n", isnad::EntityTypeName(static_cast<isnad::EntityType>(t)),
                  score.by_type[t].f1());
    std::printf("HELDOUT ner_f1=%.4f\n", score.total.f1());
    return 0;
  }
  if (model_out.empty()) model_out = dir + "/entities";
  if (s = first.Save(model_out, "ner"); !s.ok()) return Fail(s.message());
  std::fprintf(stderr, "isnad: wrote %s/ner.model and ner_document.model (%zu + %zu features, %s)\n",
               model_out.c_str(), first.sentence.feature_count(), first.document.feature_count(),
               first.fingerprint().c_str());
  if (corpus_dir.empty()) corpus_dir = data_dir + "/../corpus/train";
  isnad::NerCorpus corpus;
  if (s = isnad::ProjectNerCorpus(core, header, corpus_dir, isnad::NerCorpusOptions{}, corpus); !s.ok())
    return Fail(s.message());
  isnad::ProjectNerOptions with_reports;
  with_reports.corpus = &corpus;
  isnad::NerModels second;
  if (s = isnad::TrainProjectNer(data_dir, core, gazetteer, with_reports, second, nullptr); !s.ok())
    return Fail(s.message());
  if (s = second.Save(model_out, "ner_reports"); !s.ok()) return Fail(s.message());
  std::fprintf(stderr,
               "isnad: wrote %s/ner_reports.model and ner_reports_document.model (%zu reports; %zu + %zu features, "
               "%s)\n",
               model_out.c_str(), corpus.reports.size(), second.sentence.feature_count(),
               second.document.feature_count(), second.fingerprint().c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"isnad: reads Arabic news reports and rebuilds who did what to whom, and who says so"};
  app.require_subcommand(1);
  std::string resources;
  app.add_option("--resources", resources, "Resource folder (default: found beside the program)");

  // analyze
  auto* analyze =
      app.add_subcommand("analyze", "Analyse reports and write one record per report (JSON Lines)");
  std::vector<std::string> inputs;
  std::string output;
  int jobs = 0;
  bool text_layers = false, quiet = false;
  double max_report_mb = 32;
  analyze->add_option("inputs", inputs, ".txt/.html/.jsonl/.jsonl.gz files, folders, or - for standard input")
      ->required();
  analyze->add_option("-o,--output", output, "Write records here instead of standard output");
  analyze->add_option("-j,--jobs", jobs, "Worker threads (default: one per core)")->check(CLI::Range(0, 256));
  analyze->add_flag("--text-layers", text_layers, "Also write sentences and tokens with segments and stems");
  analyze->add_flag("-q,--quiet", quiet,
                    "Do not print notes (conversions) or progress; warnings and errors still print");
  analyze->add_option("--max-report-mb", max_report_mb, "Largest report read, in MiB (default 32)")
      ->check(CLI::PositiveNumber);
  std::string db;
  analyze->add_option("--db", db,
                      "Keep the analyses in this SQLite store (records are then written only with -o)");

  // search
  auto* search = app.add_subcommand("search", "Find stored reports by words, across clitics and spellings");
  std::vector<std::string> query_words;
  std::string search_db = "isnad.db", search_format = "text";
  isnad::SearchFilter search_filter;
  search->add_option("query", query_words, "Words to find (all of them)")->required();
  search->add_option("--db", search_db, "The store (default isnad.db)");
  search->add_option("--actor", search_filter.actor,
                     "Only reports naming this actor (canonical key or a name)");
  search->add_option("--from", search_filter.from, "Only reports dated on or after (YYYY-MM-DD)");
  search->add_option("--to", search_filter.to, "Only reports dated on or before (YYYY-MM-DD)");
  search->add_option("--limit", search_filter.limit, "At most this many reports (default 20)")
      ->check(CLI::Range(1, 10000));
  search->add_option("--format", search_format, "text or json")->check(CLI::IsMember({"text", "json"}));

  // stories
  auto* stories = app.add_subcommand("stories", "Reports on the same story, near-duplicates marked");
  std::string stories_db = "isnad.db", stories_format = "text";
  stories->add_option("--db", stories_db, "The store (default isnad.db)");
  stories->add_option("--format", stories_format, "text or json")->check(CLI::IsMember({"text", "json"}));

  // network
  auto* network =
      app.add_subcommand("network", "The actor network of a store: edges with counts, dates, claimants");
  std::string network_db = "isnad.db", format = "json";
  isnad::NetworkFilter filter;
  network->add_option("--db", network_db, "The store (default isnad.db)");
  network->add_option("--actor", filter.actor, "Only edges of this actor (canonical key or a name)");
  network->add_option("--type", filter.type, "Only this PLOVER type");
  network->add_option("--from", filter.from, "Only reports dated on or after (YYYY-MM-DD)");
  network->add_option("--to", filter.to, "Only reports dated on or before (YYYY-MM-DD)");
  network->add_option("--claimant", filter.claimant,
                      "Only claims this actor makes, at any depth of the chain (canonical key or a name)");
  network->add_option("--polarity", filter.polarity, "Only asserted, alleged or denied claims")
      ->check(CLI::IsMember({"asserted", "alleged", "denied"}));
  network->add_option("--format", format, "json (JSON Lines), csv or graphml")
      ->check(CLI::IsMember({"json", "csv", "graphml"}));

  // serve
  auto* serve = app.add_subcommand("serve", "Serve the web page over a store: search, reports, network, timeline");
  std::string serve_db = "isnad.db";
  isnad::ServeOptions serve_options;
  serve->add_option("--db", serve_db, "The store (default isnad.db)");
  serve->add_option("--host", serve_options.host, "Address to listen on (default 127.0.0.1, this machine only)");
  serve->add_option("--port", serve_options.port, "Port (default 8080; 0: any free port)")
      ->check(CLI::Range(0, 65535));

  // show
  auto* show = app.add_subcommand("show", "Print reports' actors, quotes and claims for reading");
  std::vector<std::string> show_inputs;
  show->add_option("inputs", show_inputs, "Reports, as for analyze")->required();

  // eval
  auto* eval = app.add_subcommand("eval", "Score isnad against gold data");
  eval->require_subcommand(1);
  auto* eval_segment = eval->add_subcommand("segment", "Clitic segmentation against CoNLL-U gold words");
  std::vector<std::string> conllu;
  eval_segment->add_option("files", conllu, "CoNLL-U files")->required()->check(CLI::ExistingFile);

  auto* eval_ner =
      eval->add_subcommand("ner", "Named entities against a CoNLL file (entity level, exact spans)");
  std::vector<std::string> conll;
  eval_ner->add_option("files", conll, "CoNLL files: one 'word TAG' a line")
      ->required()
      ->check(CLI::ExistingFile);
  std::string predictions_out;
  eval_ner->add_option("--write", predictions_out, "Write 'word gold predicted' lines here");

  auto* eval_corpus = eval->add_subcommand(
      "corpus", "Analyses (or --pred records) against a folder of *.gold.json, as ../shared/eval/score.py scores");
  std::string gold_dir, pred_path;
  eval_corpus->add_option("dir", gold_dir, "Folder of NAME.txt and NAME.gold.json")
      ->required()
      ->check(CLI::ExistingDirectory);
  eval_corpus->add_option("--pred", pred_path, "Score these records (JSON Lines) instead of analysing DIR")
      ->check(CLI::ExistingFile);

  // segment
  auto* segment = app.add_subcommand("segment", "Print the clitic segmentation and stem of each word");
  std::vector<std::string> words;
  segment->add_option("words", words, "Words (default: read lines from standard input)");

  // build-lexicon
  auto* build =
      app.add_subcommand("build-lexicon", "Rebuild resources/lexicon/lexicon.tsv from ../shared/data");
  std::string data_dir = "../shared/data", lexicon_out;
  build->add_option("--data", data_dir, "The shared data folder")->check(CLI::ExistingDirectory);
  build->add_option("-o,--output", lexicon_out, "Where to write (default: the resource folder's lexicon)");

  auto* build_gaz = app.add_subcommand(
      "build-gazetteer", "Rebuild resources/entities/gazetteer.tsv and names.tsv from ../shared/data");
  build_gaz->add_option("--data", data_dir, "The shared data folder")->check(CLI::ExistingDirectory);

  auto* build_clusters = app.add_subcommand(
      "build-clusters", "Rebuild resources/entities/clusters.tsv (word classes) from ../shared/data");
  build_clusters->add_option("--data", data_dir, "The shared data folder")->check(CLI::ExistingDirectory);

  auto* train_ner =
      app.add_subcommand("train-ner",
                         "Retrain the entity taggers: resources/entities/ner*.model (ANERcorp, NewsFANE) and "
                         "ner_reports*.model (the same and ../shared/corpus/train)");
  std::string model_out;
  train_ner->add_option("--data", data_dir, "The shared data folder")->check(CLI::ExistingDirectory);
  train_ner->add_option("-o,--output", model_out,
                        "Folder to write the models to (default: the resource folder's entities/)");
  double holdout = 0;
  train_ner
      ->add_option(
          "--holdout", holdout,
          "Development: leave out this share of ANERcorp's training part, score on it, write nothing")
      ->check(CLI::Range(0.0, 0.9));

  std::string ner_corpus;
  train_ner->add_option("--corpus", ner_corpus,
                        "The annotated reports (NAME.txt beside NAME.gold.json) the second reader learns from "
                        "(default: ../shared/corpus/train beside --data)")
      ->check(CLI::ExistingDirectory);

  auto* cv_entities = app.add_subcommand(
      "cv-entities", "Cross-validate the entity tagger over the documents of an annotated folder (score.py's figures)");
  std::string cv_entities_dir;
  int entity_folds = 5;
  cv_entities->add_option("dir", cv_entities_dir, "Annotated reports: NAME.txt beside NAME.gold.json")
      ->required()
      ->check(CLI::ExistingDirectory);
  cv_entities->add_option("--data", data_dir, "The shared data folder")->check(CLI::ExistingDirectory);
  cv_entities->add_option("--folds", entity_folds, "Document folds (report i in fold i mod k)")
      ->check(CLI::Range(2, 50));
  bool teach_generic = false;
  std::string cv_entities_records, entity_models;
  cv_entities->add_option("--save-models", entity_models,
                          "Save each fold's tagger in DIR/fold-K, for `isnad cv --entity-models DIR`");
  std::string load_entity_models;
  cv_entities->add_option("--load-models", load_entity_models,
                          "Read each fold's tagger from DIR/fold-K (saved by --save-models) instead of training it")
      ->check(CLI::ExistingDirectory);
  cv_entities->add_option("--write", cv_entities_records, "Write the held-out records here (JSON Lines)");
  cv_entities->add_flag("--generic", teach_generic,
                        "Teach the tagger the generic collective actors too (0.767 against 0.779 without, 0.21.0)");

  auto* train_events =
      app.add_subcommand("train-events", "Retrain resources/claims/events.model from ../shared/data");
  int folds = 5;
  train_events->add_option("--data", data_dir, "The shared data folder")->check(CLI::ExistingDirectory);
  train_events->add_option("--folds", folds, "Report k-fold cross-validated scores first (0: no)");
  bool nested = false;
  train_events->add_flag("--nested", nested,
                         "Also report the nested cross-validated scores (each fold's threshold chosen without it; "
                         "five times the training)");

  auto* train_claims = app.add_subcommand(
      "train-claims", "Retrain resources/claims/relations.model from ../shared/corpus/train");
  std::string claims_corpus = "../shared/corpus/train";
  isnad::RelationTrainOptions relation_options;
  train_claims->add_option("--corpus", claims_corpus, "Annotated reports: NAME.txt beside NAME.gold.json")
      ->check(CLI::ExistingDirectory);
  train_claims->add_option("-o,--output", model_out, "Where to write (default: the resource folder's claims/)");

  auto* cv = app.add_subcommand(
      "cv", "Cross-validate the learned claims over the documents of an annotated folder (score.py's figures)");
  std::string cv_dir;
  isnad::CrossValidationOptions cv_options;
  std::vector<double> cv_fractions;
  bool strip_punctuation = false;
  cv->add_option("dir", cv_dir, "Annotated reports: NAME.txt beside NAME.gold.json")
      ->required()
      ->check(CLI::ExistingDirectory);
  cv->add_option("--folds", cv_options.folds, "Document folds (report i in fold i mod k)")->check(CLI::Range(2, 50));
  cv->add_option("--fractions", cv_fractions,
                 "Learning curve: train on these shares of each fold's training documents (default 1)")
      ->delimiter(',')
      ->check(CLI::Range(0.01, 1.0));
  cv->add_option("--thresholds", cv_options.thresholds, "Score these decision thresholds too")->delimiter(',')
      ->check(CLI::Range(0.01, 0.99));
  cv->add_option("--c", cv_options.train.c, "liblinear's C")->check(CLI::Range(1e-4, 1e4));
  cv->add_option("--min-count", cv_options.train.min_count, "Drop features seen fewer times")->check(CLI::Range(1, 100));
  cv->add_flag("--detail", cv_options.detail, "Per-type figures and the type confusion table too");
  std::string cv_records;
  cv->add_option("--write", cv_records, "Write the held-out folds' records here (JSON Lines), to read or score");
  bool no_learned_cues = false;
  cv->add_flag("--no-learned-cues", no_learned_cues, "Quotes by the hand-written cues alone");
  cv->add_flag("--strip-punctuation", strip_punctuation, "Drop the reports' punctuation first (as some arrive)");
  std::string cv_entity_models;
  cv->add_option("--entity-models", cv_entity_models,
                 "Required: fold K's second reader, in DIR/fold-K (from `isnad cv-entities --save-models`), "
                 "which never saw fold K's reports")
      ->check(CLI::ExistingDirectory);
  bool both_copies = false;
  cv->add_flag("--both-copies", both_copies,
               "Train on each report as published and without punctuation (held-out reports as --strip-punctuation says)");

  auto* version = app.add_subcommand("version", "Print the version and resource fingerprints");

  CLI11_PARSE(app, argc, argv);

  if (*version) {
    isnad::Engine engine;
    if (!LoadEngine(resources, argv[0], engine)) return 1;
    std::printf("%s\n", engine.Provenance().c_str());
    return 0;
  }

  if (*build) {
    StderrDiagnostics diagnostics(false);
    std::string text;
    isnad::Status s = isnad::BuildProjectLexicon(data_dir, diagnostics, text);
    if (!s.ok()) return Fail(s.message());
    if (lexicon_out.empty())
      lexicon_out = isnad::FindResourceDir(resources, argv[0]) + "/lexicon/lexicon.tsv";
    std::ofstream out(lexicon_out, std::ios::binary);
    if (!out || !(out << text)) return Fail(lexicon_out + ": cannot write");
    std::fprintf(stderr, "isnad: wrote %s (%zu bytes)\n", lexicon_out.c_str(), text.size());
    return 0;
  }

  if (*build_gaz) {
    std::string gazetteer, names;
    isnad::Status s = isnad::BuildGazetteer(data_dir, gazetteer, names);
    if (!s.ok()) return Fail(s.message());
    std::string dir = isnad::FindResourceDir(resources, argv[0]) + "/entities";
    for (auto [file, text] :
         {std::pair{dir + "/gazetteer.tsv", &gazetteer}, std::pair{dir + "/names.tsv", &names}}) {
      std::ofstream out(file, std::ios::binary);
      if (!out || !(out << *text)) return Fail(file + ": cannot write");
      std::fprintf(stderr, "isnad: wrote %s (%zu bytes)\n", file.c_str(), text->size());
    }
    return 0;
  }

  if (*build_clusters) {
    std::string dir = isnad::FindResourceDir(resources, argv[0]);
    isnad::TextCore core;
    isnad::Status s = isnad::TextCore::Load(dir, core);
    if (!s.ok()) return Fail(s.message());
    StderrDiagnostics diagnostics(true);
    std::string text;
    s = isnad::BuildProjectClusters(data_dir, core, diagnostics, text);
    if (!s.ok()) return Fail(s.message());
    std::string file = dir + "/entities/clusters.tsv";
    std::ofstream out(file, std::ios::binary);
    if (!out || !(out << text)) return Fail(file + ": cannot write");
    std::fprintf(stderr, "isnad: wrote %s (%zu bytes)\n", file.c_str(), text.size());
    return 0;
  }

  if (*train_events) {
    std::string dir = isnad::FindResourceDir(resources, argv[0]);
    isnad::TextCore core;
    isnad::EntityRecognizer entities;
    isnad::ClaimExtractor claims;
    isnad::Status s = isnad::TextCore::Load(dir, core);
    if (s.ok()) s = isnad::EntityRecognizer::Load(dir, entities);
    if (s.ok()) s = isnad::ClaimExtractor::Load(dir, claims, /*with_event_model=*/false);
    if (!s.ok()) return Fail(s.message());
    isnad::EventModel model;
    std::string log;
    s = isnad::TrainProjectEvents(data_dir, core, entities, claims, folds, nested, model, &log);
    std::fprintf(stderr, "%s", log.c_str());
    if (!s.ok()) return Fail(s.message());
    std::string file = dir + "/claims/events.model";
    std::ofstream out(file, std::ios::binary);
    std::string text = model.Serialize();
    if (!out || !(out << text)) return Fail(file + ": cannot write");
    std::fprintf(stderr, "isnad: wrote %s (%zu bytes)\n", file.c_str(), text.size());
    return 0;
  }

  if (*train_claims || *cv) {
    // The relation model is what is being made or measured: the rules decide
    // relations while the candidates are read.
    isnad::Engine engine;
    const std::string dir = isnad::FindResourceDir(resources, argv[0]);
    isnad::Status s = isnad::Engine::Load(dir, engine, /*with_relation_model=*/false);
    if (!s.ok()) return Fail(s.message());
    std::vector<isnad::ClaimsExample> corpus;
    isnad::ClaimsReadOptions read_options;
    read_options.strip_punctuation = strip_punctuation;
    // One engine per fold, its second reader trained without the fold's
    // reports: the committed one learned from them all.
    std::vector<isnad::Engine> fold_engines;
    std::vector<const isnad::Engine*> readers;
    if (*cv && cv_entity_models.empty())
      return Fail("cv needs each fold's second reader, which never saw the fold: run `isnad cv-entities " + cv_dir +
                  " --save-models DIR` (about 13 minutes), then `isnad cv " + cv_dir + " --entity-models DIR`");
    if (*cv) {
      fold_engines.resize(static_cast<size_t>(cv_options.folds));
      for (int k = 0; k < cv_options.folds; ++k) {
        isnad::NerModels models;
        s = isnad::Engine::Load(dir, fold_engines[k], /*with_relation_model=*/false);
        if (s.ok()) s = isnad::NerModels::Load(cv_entity_models + "/fold-" + std::to_string(k), models);
        if (!s.ok()) return Fail(s.message());
        fold_engines[k].ReplaceReportModels(std::move(models));
        readers.push_back(&fold_engines[k]);
      }
    }
    // As shipped, each fold's relation model learns from the reports as its
    // second reader (which saw them) reads them; report i is held out as
    // fold i mod k's reader, which never saw it, reads it.
    std::vector<std::vector<isnad::ClaimsExample>> fold_readings(fold_engines.size());
    for (size_t k = 0; k < fold_engines.size(); ++k)
      if (s = isnad::ReadClaimsCorpus(fold_engines[k], cv_dir, read_options, fold_readings[k]); !s.ok())
        return Fail(s.message());
    if (*cv) {
      const size_t reports = fold_readings.front().size();
      for (size_t i = 0; i < reports; ++i) corpus.push_back(fold_readings[i % fold_readings.size()][i]);
    } else if (s = isnad::ReadClaimsCorpus(engine, claims_corpus, read_options, corpus); !s.ok()) {
      return Fail(s.message());
    }
    std::fputs(isnad::DescribeClaimsCorpus(corpus).c_str(), stderr);
    if (*cv) {
      if (!cv_fractions.empty()) cv_options.fractions = cv_fractions;
      cv_options.learn_cues = !no_learned_cues;
      std::string log;
      std::string records;
      if (!cv_records.empty()) cv_options.records = &records;
      const isnad::CorpusScore ceiling = isnad::ScoreLabels(corpus);
      std::printf(
          "ceiling (every candidate given its gold labels): relations=%.3f (P=%.3f R=%.3f) relations_untyped=%.3f\n",
          ceiling.relations.f1(), ceiling.relations.precision(), ceiling.relations.recall(),
          ceiling.relations_untyped.f1());
      std::vector<isnad::ClaimsExample> copies;
      if (both_copies) {
        isnad::ClaimsReadOptions other = read_options;
        other.strip_punctuation = !strip_punctuation;
        s = isnad::ReadClaimsCorpus(readers, cv_dir, other, copies);
        if (!s.ok()) return Fail(s.message());
        cv_options.copies = &copies;
      }
      cv_options.fold_readings = &fold_readings;
      isnad::CrossValidateRelations(corpus, engine.claims(), cv_options, &log);
      std::fputs(log.c_str(), stdout);
      if (!cv_records.empty()) {
        std::ofstream out(cv_records, std::ios::binary);
        if (!out || !(out << records)) return Fail(cv_records + ": cannot write");
      }
      return 0;
    }
    std::vector<const isnad::ClaimsExample*> all;
    for (const auto& ex : corpus) all.push_back(&ex);
    const isnad::ClaimModels models = isnad::TrainClaimModels(all, relation_options, engine.claims());
    const std::string folder = model_out.empty() ? dir + "/claims" : model_out;
    for (const auto& [name, text] : {std::pair{std::string("relations.model"), models.relations.Serialize()},
                                     std::pair{std::string("triggers.model"), models.triggers.Serialize("trigger-model")},
                                     std::pair{std::string("learned_cues.tsv"), isnad::SerializeCues(models.cues)},
                                     std::pair{std::string("speakers.model"), models.speakers.Serialize("speaker-model")},
                                     std::pair{std::string("quotes.model"), models.quotes.Serialize("quote-model")}}) {
      const std::string file = folder + "/" + name;
      std::ofstream out(file, std::ios::binary);
      if (!out || !(out << text)) return Fail(file + ": cannot write");
      std::fprintf(stderr, "isnad: wrote %s (%zu bytes)\n", file.c_str(), text.size());
    }
    return 0;
  }

  if (*cv_entities) {
    isnad::Engine engine;
    isnad::Status s = isnad::Engine::Load(isnad::FindResourceDir(resources, argv[0]), engine,
                                          /*with_relation_model=*/false);
    if (!s.ok()) return Fail(s.message());
    const isnad::TextCore& core = engine.text();
    isnad::NerCorpus corpus;
    isnad::NerCorpusOptions corpus_options;
    corpus_options.generic = teach_generic;
    s = isnad::ProjectNerCorpus(core, engine.header(), cv_entities_dir, corpus_options, corpus);
    if (!s.ok()) return Fail(s.message());
    std::fprintf(stderr, "%zu reports, %zu sentences; %zu of %zu named entities found in the text\n",
                 corpus.reports.size(), corpus.sentences.size(), corpus.entities_found, corpus.entities);
    isnad::EntityCrossValidation result;
    std::string log;
    s = isnad::CrossValidateEntities(data_dir, core, engine.entities(), corpus, entity_folds, result, &log,
                                     entity_models, load_entity_models);
    std::fputs(log.c_str(), stdout);
    if (!s.ok()) return Fail(s.message());
    std::printf("CV entities P=%.3f R=%.3f F1=%.3f untyped F1=%.3f\n", result.entities.precision(),
                result.entities.recall(), result.entities.f1(), result.entities_untyped.f1());
    if (!cv_entities_records.empty()) {
      std::ofstream out(cv_entities_records, std::ios::binary);
      for (const std::string& line : result.records) out << line;  // each ends its line
      if (!out) return Fail(cv_entities_records + ": cannot write");
    }
    return 0;
  }

  if (*train_ner) return TrainNer(isnad::FindResourceDir(resources, argv[0]), data_dir, ner_corpus, model_out, holdout);

  if (*stories) {
    std::unique_ptr<isnad::Store> store;
    if (!OpenExistingStore(stories_db, store)) return 1;
    isnad::Status s;
    std::vector<isnad::Story> found;
    s = store->Stories(found);
    if (!s.ok()) return Fail(s.message());
    std::string out;
    for (size_t i = 0; i < found.size(); ++i) {
      const auto& story = found[i];
      if (stories_format == "json") {
        out += "{\"story\":" + std::to_string(i + 1) + ",\"actors\":[";
        for (size_t k = 0; k < story.actors.size(); ++k) {
          if (k) out += ',';
          isnad::AppendJsonString(story.actors[k], out);
        }
        out += "],\"reports\":[";
        for (size_t k = 0; k < story.reports.size(); ++k) {
          const auto& r = story.reports[k];
          if (k) out += ',';
          out += "{\"doc_id\":";
          isnad::AppendJsonString(r.doc_id, out);
          out += ",\"date\":";
          if (r.date.empty())
            out += "null";
          else
            isnad::AppendJsonString(r.date, out);
          out += ",\"title\":";
          isnad::AppendJsonString(r.title, out);
          if (!r.duplicate_of.empty()) {
            out += ",\"duplicate_of\":";
            isnad::AppendJsonString(r.duplicate_of, out);
          }
          out += '}';
        }
        out += "]}\n";
      } else {
        out += "story " + std::to_string(i + 1) + " (" + std::to_string(story.reports.size()) + " reports)";
        for (const auto& a : story.actors) out += "  " + a;
        out += "\n";
        for (const auto& r : story.reports)
          out += "  " + (r.date.empty() ? std::string("----------") : r.date) + "  " + r.doc_id + "  " +
                 r.title + (r.duplicate_of.empty() ? "" : "  (copy of " + r.duplicate_of + ")") + "\n";
      }
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
    return 0;
  }

  if (*network) {
    std::unique_ptr<isnad::Store> store;
    if (!OpenExistingStore(network_db, store)) return 1;
    isnad::Status s;
    std::vector<isnad::NetworkEdge> edges;
    s = store->Network(filter, edges);
    if (!s.ok()) return Fail(s.message());
    std::string text;
    if (format == "csv")
      isnad::WriteNetworkCsv(edges, text);
    else if (format == "graphml")
      isnad::WriteNetworkGraphml(edges, text);
    else
      isnad::WriteNetworkJson(edges, text);
    std::fwrite(text.data(), 1, text.size(), stdout);
    return 0;
  }

  isnad::Engine engine;
  if (!LoadEngine(resources, argv[0], engine)) return 1;

  if (*search) {
    std::unique_ptr<isnad::Store> store;
    if (!OpenExistingStore(search_db, store)) return 1;
    isnad::Status s;
    isnad::Document query;
    for (const auto& w : query_words) query.text += (query.text.empty() ? "" : " ") + w;
    engine.text().Analyze(query.text, query.analysis);
    std::vector<std::string> terms = isnad::SearchTerms(query);
    std::vector<isnad::SearchHit> hits;
    s = store->Search(terms, search_filter, hits);
    if (!s.ok()) return Fail(s.message());
    std::string out;
    for (const auto& h : hits) {
      // The snippet: the words around the first hit, hits in [brackets].
      isnad::Snippet words = isnad::SearchSnippet(engine.text(), h.text, terms);
      std::string snippet = words.cut_before ? "..." : "";
      for (const auto& w : words.words) {
        if (!snippet.empty()) snippet += ' ';
        snippet += w.hit ? "[" + w.text + "]" : w.text;
      }
      if (words.cut_after) snippet += " ...";
      if (search_format == "json") {
        out += "{\"doc_id\":";
        isnad::AppendJsonString(h.doc_id, out);
        out += ",\"title\":";
        isnad::AppendJsonString(h.title, out);
        out += ",\"date\":";
        if (h.date.empty())
          out += "null";
        else
          isnad::AppendJsonString(h.date, out);
        out += ",\"source\":";
        if (h.source.empty())
          out += "null";
        else
          isnad::AppendJsonString(h.source, out);
        char score[32];
        std::snprintf(score, sizeof score, "%.4f", -h.score);
        out += std::string(",\"score\":") + score + ",\"snippet\":";
        isnad::AppendJsonString(snippet, out);
        out += "}\n";
      } else {
        out += h.doc_id + "  " + (h.date.empty() ? "----------" : h.date) + "  " + h.title + "\n    " +
               snippet + "\n";
      }
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
    return hits.empty() ? 3 : 0;
  }

  if (*serve) {
    std::unique_ptr<isnad::Store> store;
    if (!OpenExistingStore(serve_db, store)) return 1;
    isnad::Status prepared = store->PrepareForReading();
    if (!prepared.ok()) return Fail(prepared.message());
    isnad::WebApi api(*store, engine.text());
    isnad::WebServer server(api);
    int port = 0;
    isnad::Status s = server.Bind(serve_options, port);
    if (!s.ok()) return Fail(s.message());
    std::string host = serve_options.host.find(':') != std::string::npos ? "[" + serve_options.host + "]"
                                                                          : serve_options.host;
    std::fprintf(stderr, "isnad: serving %s (%lld reports) at http://%s:%d/\n", serve_db.c_str(),
                 static_cast<long long>(store->ReportCount()), host.c_str(), port);
    std::fflush(stderr);
    server.Run();
    return 0;
  }

  if (*eval_ner) {
    for (const auto& file : conll) {
      isnad::NerScore score;
      std::string predictions;
      isnad::Status s = isnad::ScoreNer(file, engine.text(), engine.entities(), score,
                                        predictions_out.empty() ? nullptr : &predictions);
      if (!s.ok()) return Fail(s.message());
      if (!predictions_out.empty()) {
        std::ofstream out(predictions_out, std::ios::binary);
        if (!out || !(out << predictions)) return Fail(predictions_out + ": cannot write");
      }
      std::printf("%s sentences=%llu tokens=%llu\n", file.c_str(),
                  static_cast<unsigned long long>(score.sentences),
                  static_cast<unsigned long long>(score.tokens));
      for (int t = 0; t < isnad::kNumEntityTypes; ++t) {
        const auto& c = score.by_type[t];
        std::printf("%-4s gold=%llu predicted=%llu correct=%llu f1=%.4f\n",
                    isnad::EntityTypeName(static_cast<isnad::EntityType>(t)),
                    static_cast<unsigned long long>(c.gold), static_cast<unsigned long long>(c.predicted),
                    static_cast<unsigned long long>(c.correct), c.f1());
      }
      std::printf("TOTAL ner_f1=%.4f\n", score.total.f1());
    }
    return 0;
  }

  if (*eval_corpus) {
    isnad::CorpusScore score;
    if (pred_path.empty()) {
      // Analyse the folder's reports and score them in memory.
      StderrDiagnostics diagnostics(true);
      isnad::Status s = isnad::AnalyzeAndScoreCorpus(engine, gold_dir, diagnostics, score);
      if (!s.ok()) return Fail(s.message());
    } else {
      isnad::Status s = isnad::ScoreCorpus(gold_dir, pred_path, score);
      if (!s.ok()) return Fail(s.message());
    }
    std::fputs(isnad::DescribeScore(score).c_str(), stdout);
    return 0;
  }

  if (*eval_segment) {
    for (const auto& file : conllu) {
      isnad::SegmentScore score;
      isnad::Status s = isnad::ScoreSegmentation(file, engine.text(), score);
      if (!s.ok()) return Fail(s.message());
      std::printf(
          "%s sentences=%llu skipped=%llu gold_words=%llu predicted_words=%llu precision=%.4f recall=%.4f\n",
          file.c_str(), static_cast<unsigned long long>(score.sentences),
          static_cast<unsigned long long>(score.skipped_sentences),
          static_cast<unsigned long long>(score.gold_words),
          static_cast<unsigned long long>(score.predicted_words), score.precision(), score.recall());
      std::printf("TOTAL words_f1=%.4f\n", score.f1());
    }
    return 0;
  }

  if (*show) {
    StderrDiagnostics diagnostics(true);
    isnad::ReportReader reader(show_inputs, isnad::ReaderOptions{}, diagnostics);
    isnad::PipelineOptions pipeline;
    std::string text;
    isnad::RunPipeline(engine, reader, pipeline, [&](const isnad::Document& doc) {
      text.clear();
      isnad::WriteReadable(doc, text);
      std::fwrite(text.data(), 1, text.size(), stdout);
      std::fputc('\n', stdout);
    });
    return diagnostics.lost_input() ? 2 : 0;
  }

  if (*segment) {
    auto show = [&](const std::string& line) {
      isnad::TextAnalysis a;
      engine.text().Analyze(line, a);
      std::string out;
      for (size_t i = 0; i < a.tokens.size(); ++i) {
        if (i) out += ' ';
        for (uint32_t k = a.first_segment[i]; k < a.first_segment[i + 1]; ++k) {
          if (k > a.first_segment[i]) out += '+';
          out += line.substr(a.segments[k].begin, a.segments[k].end - a.segments[k].begin);
        }
        if (a.tokens[i].kind == isnad::TokenKind::kWord) {
          out += '/';
          out += a.Stem(i);
        }
      }
      std::printf("%s\n", out.c_str());
    };
    if (!words.empty()) {
      for (const auto& w : words) show(w);
    } else {
      std::string line;
      while (std::getline(std::cin, line)) show(line);
    }
    return 0;
  }

  // analyze
  StderrDiagnostics diagnostics(quiet);
  isnad::ReaderOptions reader_options;
  reader_options.max_report_bytes = static_cast<uint64_t>(max_report_mb * (1 << 20));
  isnad::ReportReader reader(inputs, reader_options, diagnostics);
  std::unique_ptr<isnad::Store> store;
  if (!db.empty()) {
    isnad::Status s = isnad::Store::Open(db, store);
    if (!s.ok()) return Fail(s.message());
  }
  std::FILE* out = store && output.empty() ? nullptr : stdout;
  if (!output.empty()) {
    out = std::fopen(output.c_str(), "wb");
    if (!out) return Fail(output + ": cannot open for writing: " + std::strerror(errno));
  }
  isnad::RecordOptions record_options;
  record_options.text_layers = text_layers;
  record_options.provenance = engine.Provenance();
  isnad::PipelineOptions pipeline;
  pipeline.jobs = jobs;
  std::string buffer;
  bool write_failed = false;
  // The store takes documents in batches, one transaction each.
  std::vector<isnad::Document> pending;
  isnad::StoreStats store_stats;
  std::string store_error;
  auto flush_store = [&] {
    if (!store || pending.empty() || !store_error.empty()) return;
    std::vector<const isnad::Document*> batch;
    for (const auto& d : pending) batch.push_back(&d);
    isnad::Status s = store->Add(batch, record_options.provenance, store_stats);
    if (!s.ok()) store_error = s.message();
    pending.clear();
  };
  // Progress on a terminal only: piped or redirected, standard error stays
  // for diagnostics.
  const bool show_progress = !quiet && isatty(STDERR_FILENO);
  const auto started = std::chrono::steady_clock::now();
  auto last_shown = started;
  uint64_t done_reports = 0, done_words = 0, done_bytes = 0;
  auto progress = [&](bool final_line) {
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::fprintf(stderr, "\risnad: %llu reports, %.1f MB, %.0f k words/s%s",
                 static_cast<unsigned long long>(done_reports), done_bytes / 1e6,
                 seconds > 0 ? done_words / seconds / 1000 : 0.0, final_line ? "\n" : "");
    std::fflush(stderr);
  };
  auto stats = isnad::RunPipeline(engine, reader, pipeline, [&](const isnad::Document& doc) {
    if (show_progress) {
      ++done_reports;
      done_bytes += doc.text.size();
      done_words += doc.analysis.word_count();
      auto now = std::chrono::steady_clock::now();
      if (now - last_shown > std::chrono::milliseconds(500)) {
        last_shown = now;
        progress(false);
      }
    }
    if (out) {
      buffer.clear();
      isnad::WriteRecord(doc, record_options, buffer);
      if (std::fwrite(buffer.data(), 1, buffer.size(), out) != buffer.size()) write_failed = true;
    }
    if (store) {
      pending.push_back(doc);
      if (pending.size() >= 256) flush_store();
    }
  });
  flush_store();
  if (show_progress && done_reports > 0) progress(true);
  if (out && std::fflush(out) != 0) write_failed = true;
  if (out && out != stdout) std::fclose(out);
  if (!store_error.empty()) return Fail(store_error);
  if (store)
    std::fprintf(stderr, "isnad: %s: %lld reports added, %lld already stored; %lld in the store\n",
                 db.c_str(), static_cast<long long>(store_stats.added),
                 static_cast<long long>(store_stats.skipped_duplicates),
                 static_cast<long long>(store->ReportCount()));
  if (write_failed)
    return Fail((output.empty() ? std::string("standard output") : output) + ": write failed");
  if (stats.reports == 0 && diagnostics.errors() == 0) return Fail("no reports found in the input");
  return diagnostics.lost_input() || stats.reports == 0 ? 2 : 0;
}
