// Accuracy pinned on gold, so that a drop fails. Needs ../shared (CI has
// it); skipped with a message when it is absent.
#include <filesystem>
#include <set>
#include <nlohmann/json.hpp>

#include "isnad/eval/segment_eval.h"
#include "isnad/eval/ner_eval.h"
#include "isnad/train/cluster_builder.h"
#include "isnad/train/event_trainer.h"
#include "isnad/train/gazetteer_builder.h"
#include "isnad/train/lexicon_builder.h"
#include "isnad/train/ner_trainer.h"
#include "test_util.h"

namespace isnad {
namespace {

using testing::SharedAvailable;
using testing::TestEngine;

TEST(Accuracy, ReportDatesMatchTheDevGold) {
  if (!SharedAvailable()) GTEST_SKIP() << "../shared is absent: dev gold not available";
  const std::string dev = std::string(ISNAD_SHARED_DIR) + "/corpus/dev";
  CollectingDiagnostics diagnostics;
  ReportReader reader({dev}, ReaderOptions{}, diagnostics);
  RawReport raw;
  int documents = 0, correct = 0;
  while (reader.Next(raw)) {
    std::string gold_path = dev + "/" + raw.id + ".gold.json";
    if (!std::filesystem::exists(gold_path)) continue;
    auto gold = nlohmann::json::parse(testing::ReadFile(gold_path));
    Document doc;
    TestEngine().Analyze(std::move(raw), doc);
    char iso[16] = "";
    if (doc.date) std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", doc.date->year, doc.date->month, doc.date->day);
    ++documents;
    bool ok = gold["date"].is_null() ? !doc.date : (doc.date && gold["date"] == iso);
    correct += ok;
    EXPECT_TRUE(ok) << doc.id << ": got " << iso << ", gold " << gold["date"];
  }
  EXPECT_GE(documents, 10);
  EXPECT_EQ(correct, documents);
}

TEST(Accuracy, SegmentationF1OnUdPud) {
  if (!SharedAvailable()) GTEST_SKIP() << "../shared is absent: UD-PUD not available";
  SegmentScore score;
  Status s = ScoreSegmentation(std::string(ISNAD_SHARED_DIR) + "/data/ud-pud/ar_pud-ud-test.conllu",
                               TestEngine().text(), score);
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(score.sentences, 1000u);
  EXPECT_GE(score.f1(), 0.95) << "words F1 " << score.f1();
}

TEST(LexiconRebuild, MatchesTheCommittedResource) {
  if (!SharedAvailable()) GTEST_SKIP() << "../shared is absent: cannot rebuild the lexicon";
  CollectingDiagnostics diagnostics;
  std::string rebuilt;
  Status s = BuildProjectLexicon(std::string(ISNAD_SHARED_DIR) + "/data", diagnostics, rebuilt);
  ASSERT_TRUE(s.ok()) << s.message();
  std::string committed = testing::ReadFile(std::string(ISNAD_RESOURCES_DIR) + "/lexicon/lexicon.tsv");
  EXPECT_TRUE(rebuilt == committed) << "resources/lexicon/lexicon.tsv is stale: run `isnad build-lexicon`";
}

TEST(Accuracy, NoTwoEntitiesOfAReportShareAKeyOnSaudiNewsNet) {
  // The key links actors across reports: two entities of one report with
  // the same key would be one actor counted twice. Real news finds the
  // paths that written sentences miss (a name found again and joined, whose
  // title-free key another entity already had).
  if (!SharedAvailable()) GTEST_SKIP() << "../shared is absent: SaudiNewsNet not available";
  CollectingDiagnostics diagnostics;
  ReportReader reader({std::string(ISNAD_SHARED_DIR) + "/data/saudinewsnet/articles.jsonl.gz"}, ReaderOptions{},
                      diagnostics);
  RawReport raw;
  int reports = 0;
  while (reports < 1500 && reader.Next(raw)) {
    Document doc;
    TestEngine().Analyze(std::move(raw), doc);
    ++reports;
    std::set<std::string> keys;
    for (const Entity& e : doc.entities) EXPECT_TRUE(keys.insert(e.key).second) << doc.id << ": " << e.key;
  }
  EXPECT_GT(reports, 1000);
}

TEST(Accuracy, NerF1OnAnercorpTest) {
  if (!SharedAvailable()) GTEST_SKIP() << "../shared is absent: ANERcorp not available";
  NerScore score;
  Status s = ScoreNer(std::string(ISNAD_SHARED_DIR) + "/data/anercorp/test.txt", TestEngine().text(),
                      TestEngine().entities(), score);
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(score.total.gold, 2285u);  // the CAMeL test split's entities
  // Pinned just under the measured figure (README): a drop fails.
  EXPECT_GE(score.total.f1(), 0.70) << "ANERcorp test F1 " << score.total.f1();
}

TEST(Accuracy, DevEntitiesAndDatesWithTheProjectScorer) {
  if (!SharedAvailable()) GTEST_SKIP() << "../shared is absent: dev gold not available";
  testing::TempDir dir;
  std::string pred = dir.File("dev.jsonl"), scores = dir.File("scores.txt");
  std::string shared = ISNAD_SHARED_DIR;
  std::string cmd = std::string(ISNAD_BINARY) + " analyze " + shared + "/corpus/dev > " + pred + " && python3 " +
                    shared + "/eval/score.py --gold " + shared + "/corpus/dev --pred " + pred + " > " + scores;
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  std::string out = testing::ReadFile(scores);
  size_t total = out.rfind("TOTAL ");
  ASSERT_NE(total, std::string::npos) << out;
  auto value = [&](const std::string& key) {
    size_t p = out.find(key + "=", total);
    return p == std::string::npos ? -1.0 : std::stod(out.substr(p + key.size() + 1));
  };
  EXPECT_EQ(value("date_acc"), 1.0);
  // Guards a little under today's figures (README), not targets: a change
  // that loses two or three of them fails. Relations and quote speakers
  // are the learned claims', which never saw dev (the rules, grown on dev,
  // scored 0.513 / 0.586 and quotes 0.802 there, and 0.105 / 0.125 / 0.433
  // on the training corpus).
  EXPECT_GE(value("entities_f1"), 0.85) << out.substr(total);
  EXPECT_GE(value("quotes_f1"), 0.72) << out.substr(total);
  EXPECT_GE(value("relations_f1"), 0.25) << out.substr(total);
  EXPECT_GE(value("relations_untyped_f1"), 0.40) << out.substr(total);
}

TEST(Accuracy, EventDetectionOnTheVisibleGsr) {
  // Measured on event-gsr's visible part, which the event model is trained
  // on: a guard against regressions, not an estimate (the README gives the
  // cross-validated figures; the held-out 40% decides).
  if (!SharedAvailable()) GTEST_SKIP() << "../shared is absent: event-gsr not available";
  testing::TempDir dir;
  std::string shared = ISNAD_SHARED_DIR;
  std::string in = dir.File("gsr.jsonl"), pred = dir.File("pred.jsonl"), scores = dir.File("scores.txt");
  std::string cmd = "python3 " + shared + "/eval/gsr_to_jsonl.py " + shared + "/data/event-gsr/assault_gsr.csv " +
                    shared + "/data/event-gsr/protest_gsr.csv > " + in + " && " + ISNAD_BINARY + " analyze -q " + in +
                    " > " + pred + " && python3 " + shared + "/eval/score_events.py --gsr " + shared +
                    "/data/event-gsr --pred " + pred + " > " + scores;
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  std::string out = testing::ReadFile(scores);
  size_t total = out.rfind("TOTAL ");
  ASSERT_NE(total, std::string::npos) << out;
  double assault = std::stod(out.substr(out.find("assault_f1=", total) + 11));
  double protest = std::stod(out.substr(out.find("protest_f1=", total) + 11));
  EXPECT_GE(assault, 0.60) << out.substr(total);
  EXPECT_GE(protest, 0.50) << out.substr(total);
}

TEST(ModelRebuild, EveryGeneratedEntityAndClaimResourceMatchesTheCommittedOne) {
  if (!SharedAvailable()) GTEST_SKIP() << "../shared is absent: cannot rebuild";
  const std::string data = std::string(ISNAD_SHARED_DIR) + "/data";
  const std::string res = ISNAD_RESOURCES_DIR;
  std::string gazetteer, names;
  ASSERT_TRUE(BuildGazetteer(data, gazetteer, names).ok());
  EXPECT_TRUE(gazetteer == testing::ReadFile(res + "/entities/gazetteer.tsv")) << "run `isnad build-gazetteer`";
  EXPECT_TRUE(names == testing::ReadFile(res + "/entities/names.tsv")) << "run `isnad build-gazetteer`";
  CollectingDiagnostics diagnostics;
  std::string classes;
  ASSERT_TRUE(BuildProjectClusters(data, TestEngine().text(), diagnostics, classes).ok());
  EXPECT_TRUE(classes == testing::ReadFile(res + "/entities/clusters.tsv")) << "run `isnad build-clusters`";
  NerModels models;
  ASSERT_TRUE(TrainProjectNer(data, TestEngine().text(), TestEngine().entities().gazetteer(), ProjectNerOptions{},
                              models, nullptr)
                  .ok());
  testing::TempDir dir;
  ASSERT_TRUE(models.Save(dir.path()).ok());
  for (const char* name : {"ner.model", "ner_document.model"})
    EXPECT_TRUE(testing::ReadFile(dir.File(name)) == testing::ReadFile(res + "/entities/" + name))
        << "resources/entities/" << name << " is stale: run `isnad train-ner`";
  ClaimExtractor claims;
  ASSERT_TRUE(ClaimExtractor::Load(res, claims, /*with_event_model=*/false).ok());
  // The event model reads the entity stage's output: both readers.
  EventModel events;
  ASSERT_TRUE(TrainProjectEvents(data, TestEngine().text(), TestEngine().entities(), claims, 5, /*nested=*/false, events, nullptr).ok());
  EXPECT_TRUE(events.Serialize() == testing::ReadFile(res + "/claims/events.model"))
      << "resources/claims/events.model is stale: run `isnad train-events`";
}

// The second reader learns from the annotated reports as well (about two
// minutes on two cores).
TEST(ModelRebuild, TheSecondReaderMatchesTheCommittedOne) {
  if (!SharedAvailable()) GTEST_SKIP() << "../shared is absent: cannot rebuild";
  const std::string shared = ISNAD_SHARED_DIR;
  const std::string res = ISNAD_RESOURCES_DIR;
  NerCorpus corpus;
  ASSERT_TRUE(ProjectNerCorpus(TestEngine().text(), TestEngine().header(), shared + "/corpus/train",
                               NerCorpusOptions{}, corpus)
                  .ok());
  EXPECT_EQ(corpus.reports.size(), 364u);
  ProjectNerOptions options;
  options.corpus = &corpus;
  NerModels models;
  ASSERT_TRUE(
      TrainProjectNer(shared + "/data", TestEngine().text(), TestEngine().entities().gazetteer(), options, models, nullptr)
          .ok());
  testing::TempDir dir;
  ASSERT_TRUE(models.Save(dir.path(), "ner_reports").ok());
  for (const char* name : {"ner_reports.model", "ner_reports_document.model"})
    EXPECT_TRUE(testing::ReadFile(dir.File(name)) == testing::ReadFile(res + "/entities/" + name))
        << "resources/entities/" << name << " is stale: run `isnad train-ner`";
}

}  // namespace
}  // namespace isnad
